import { ERROR_CODES, type ErrorCode, type ErrorPayload } from '@shared/errors';
import type { Result } from '@shared/ipc/result';

/** An error Result turned into something a store can throw and a component can catch. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  static fromPayload(payload: ErrorPayload): ApiError {
    return new ApiError(payload.code, payload.message, payload.details);
  }
}

/** Returns the value of an ok Result; throws an ApiError carrying the error's code otherwise. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw ApiError.fromPayload(result.error);
}

/** Any caught value as an ApiError, so a catch block never has to guess what it holds. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('internal', message);
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
