import type { ErrorCode } from './codes';

export { ERROR_CODES, describeError, type ErrorCode } from './codes';

/** The serialisable form of an error, the only form that crosses IPC or HTTP. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** A mistake the user can fix; its message is shown as is. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A fault inside Switchyard; the user sees a generic sentence, the log gets the cause. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
  readonly code = 'internal' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof UserError) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  return {
    code: 'internal',
    message: 'Something went wrong inside Switchyard. The details are in the log.',
  };
}
