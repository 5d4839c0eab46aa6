/** Google's canonical statuses by HTTP code, as its JSON error bodies name them. */
const STATUS_OF: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'FAILED_PRECONDITION',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const REASON_OF: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'authError',
  403: 'forbidden',
  404: 'notFound',
  409: 'duplicate',
  410: 'deleted',
  429: 'rateLimitExceeded',
  500: 'backendError',
  502: 'backendError',
  503: 'backendError',
  504: 'backendError',
};

/** Google's error JSON: `{ error: { code, message, status, errors: [{ message, domain, reason }] } }`. */
export interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    errors: {
      message: string;
      domain: string;
      reason: string;
      location?: string;
      locationType?: string;
    }[];
  };
}

/** Thrown by a route; the server answers it as Google would. */
export class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason: string = REASON_OF[code] ?? 'unknown',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): GoogleErrorBody {
    const detail: GoogleErrorBody['error']['errors'][number] = {
      message: this.message,
      domain: 'global',
      reason: this.reason,
    };
    if (this.code === 401)
      Object.assign(detail, { location: 'Authorization', locationType: 'header' });
    return {
      error: {
        code: this.code,
        message: this.message,
        status: STATUS_OF[this.code] ?? 'UNKNOWN',
        errors: [detail],
      },
    };
  }
}

export const badRequest = (message: string) => new GoogleApiError(400, message, 'badRequest');
export const notFound = (message = 'Requested entity was not found.') =>
  new GoogleApiError(404, message, 'notFound');

export const unauthenticated = () =>
  new GoogleApiError(
    401,
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    'authError',
    { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  );

export const insufficientScopes = () =>
  new GoogleApiError(
    403,
    'Request had insufficient authentication scopes.',
    'insufficientPermissions',
  );

/** A failure injected by a test through the control API. */
export function injectedError(
  status: number,
  retryAfterSec?: number,
  reason?: string,
): GoogleApiError {
  const headers: Record<string, string> =
    retryAfterSec === undefined ? {} : { 'retry-after': String(retryAfterSec) };
  // Google's own wording for its 403 rate limits (Drive, Calendar and older APIs send 403, not 429).
  const message =
    reason === 'userRateLimitExceeded'
      ? 'User Rate Limit Exceeded. Rate of requests for user exceed configured project quota.'
      : reason === 'rateLimitExceeded'
        ? 'Rate Limit Exceeded'
        : reason === 'dailyLimitExceeded'
          ? 'Daily Limit Exceeded. The quota will be reset at midnight Pacific Time (PT).'
          : status === 429
            ? 'Quota exceeded (injected by the emulator).'
            : status >= 500
              ? 'The service is currently unavailable.'
              : `Injected failure with status ${status}.`;
  return new GoogleApiError(status, message, reason ?? REASON_OF[status] ?? 'unknown', headers);
}
