import { z } from 'zod';

/** Every way a call to an outside service can fail, as the engine's retry policy sees it. */
export const ConnectorErrorCode = z.enum([
  'auth_expired',
  'forbidden',
  'rate_limited',
  'quota_exceeded',
  'invalid_input',
  'not_found',
  'conflict',
  'network',
  'timeout',
  'server_error',
  'unexpected_response',
  'cancelled',
]);
export type ConnectorErrorCode = z.infer<typeof ConnectorErrorCode>;

/** What each code means to the user and what to do next; `message` on the error adds specifics. */
export const CONNECTOR_ERROR_SENTENCES: Readonly<Record<ConnectorErrorCode, string>> = {
  auth_expired: 'The account needs to be reconnected. Open Connections and reconnect it.',
  forbidden:
    'The account is not allowed to do this. Check its permissions in the service, or reconnect it with the access Switchyard asks for.',
  rate_limited:
    'The service asked Switchyard to slow down. The step will be retried automatically after a pause.',
  quota_exceeded:
    'The account has used up its quota with the service. The step will wait until the quota resets, or raise the quota in the service.',
  invalid_input:
    'The service refused the data it was sent. Check the step’s fields and the values mapped into them.',
  not_found:
    'The item no longer exists in the service, or the account cannot see it. Check the step’s fields.',
  conflict:
    'The item changed in the service at the same time. The step can be replayed once the change is settled.',
  network:
    'The service could not be reached. Check the internet connection; the step will be retried automatically.',
  timeout: 'The service took too long to answer. The step will be retried automatically.',
  server_error:
    'The service had a problem on its side. The step will be retried automatically; if it keeps failing, check the service’s status page.',
  unexpected_response:
    'The service answered in a way Switchyard did not expect. The details are in the run log.',
  cancelled: 'The step was cancelled before it finished.',
};

export function describeConnectorError(code: ConnectorErrorCode): string {
  return CONNECTOR_ERROR_SENTENCES[code];
}

const TRANSIENT_CODES: ReadonlySet<ConnectorErrorCode> = new Set([
  'network',
  'timeout',
  'server_error',
  'rate_limited',
]);

/** Codes worth retrying as they are; the rest need a change (input, account, quota) first. */
export function isTransient(code: ConnectorErrorCode): boolean {
  return TRANSIENT_CODES.has(code);
}

/** The serialisable form of a ConnectorError, e.g. for a run log row or a worker message. */
export const ConnectorErrorPayload = z.object({
  code: ConnectorErrorCode,
  message: z.string(),
  retryable: z.boolean(),
  retryAfterMs: z.number().nonnegative().optional(),
  status: z.number().int().optional(),
});
export type ConnectorErrorPayload = z.infer<typeof ConnectorErrorPayload>;

export interface ConnectorErrorOptions {
  /** Defaults to `isTransient(code)`. */
  retryable?: boolean;
  /** How long the service asked to wait before trying again. */
  retryAfterMs?: number;
  /** The HTTP status, when the failure was an HTTP answer. */
  status?: number;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** Node and undici error codes that mean "the service could not be reached". */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_ERROR_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** A failed call to an outside service, with what the retry policy needs to decide. */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    options: ConnectorErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? isTransient(code);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
    if (options.details !== undefined) this.details = options.details;
  }

  /**
   * Turns anything thrown into a ConnectorError: itself, its serialised payload, an abort or
   * timeout, a Node/undici network error (also when wrapped as `cause`, as fetch does). Anything
   * else is `unexpected_response`, not retryable, with the original kept as `cause`.
   */
  static from(error: unknown): ConnectorError {
    if (error instanceof ConnectorError) return error;
    const payload = ConnectorErrorPayload.safeParse(error);
    if (payload.success) {
      const { code, message, ...options } = payload.data;
      return new ConnectorError(code, message, options);
    }
    const message = error instanceof Error ? error.message : String(error);
    for (let e: unknown = error, depth = 0; isObject(e) && depth < 5; e = e.cause, depth++) {
      if (e.name === 'AbortError')
        return new ConnectorError('cancelled', message, { cause: error });
      const code = typeof e.code === 'string' ? e.code : undefined;
      if (e.name === 'TimeoutError' || (code && TIMEOUT_ERROR_CODES.has(code)))
        return new ConnectorError('timeout', message, { cause: error });
      if (code && NETWORK_ERROR_CODES.has(code))
        return new ConnectorError('network', message, { cause: error });
    }
    return new ConnectorError('unexpected_response', message, { cause: error, retryable: false });
  }

  toJSON(): ConnectorErrorPayload {
    const json: ConnectorErrorPayload = {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    if (this.retryAfterMs !== undefined) json.retryAfterMs = this.retryAfterMs;
    if (this.status !== undefined) json.status = this.status;
    return json;
  }
}

function isObject(value: unknown): value is Record<string, unknown> & { cause?: unknown } {
  return typeof value === 'object' && value !== null;
}
