import { STATUS_CODES } from 'node:http';
import { ConnectorError, type ConnectorErrorCode } from '@shared/connectors/errors';
import type { RetryAfter } from './retry-after';

const MAX_SERVICE_MESSAGE_CHARS = 300;
const RATE_LIMIT_WORDING = /rate.?limit|too many requests|throttl|slow down|quota/i;
const DAILY_QUOTA_WORDING = /daily.?limit|dailyLimitExceeded|quota.?exhausted/i;

export interface FailedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * The default reading of a non-2xx answer. `where` is "METHOD url", already redacted; the
 * message starts with the service's own words when it gave any.
 */
export function classifyResponse(
  res: FailedResponse,
  where: string,
  retryAfter: RetryAfter | undefined,
): ConnectorError {
  const { status } = res;
  const said = extractServiceMessage(res.body);
  const message = `${said ?? STATUS_CODES[status] ?? 'Unexpected answer'} (${status} from ${where})`;
  const make = (code: ConnectorErrorCode, withRetryAfter = false): ConnectorError =>
    new ConnectorError(code, message, {
      status,
      ...(withRetryAfter && retryAfter ? { retryAfterMs: retryAfter.delayMs } : {}),
    });

  if (status === 400 || status === 422) return make('invalid_input');
  if (status === 401) return make('auth_expired');
  if (status === 403) {
    const wording = `${said ?? ''} ${typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '')}`;
    if (DAILY_QUOTA_WORDING.test(wording)) return make('quota_exceeded', true);
    if (retryAfter || RATE_LIMIT_WORDING.test(wording)) return make('rate_limited', true);
    return make('forbidden');
  }
  if (status === 404 || status === 410) return make('not_found');
  if (status === 408) return make('timeout');
  if (status === 409 || status === 412) return make('conflict');
  if (status === 429) return make('rate_limited', true);
  if (status >= 500 && status <= 599) return make('server_error', true);
  return make('unexpected_response');
}

/**
 * The service's own explanation from the common error body shapes: `error.message`,
 * `message`, OAuth's `error` + `error_description`, `errors[0].message`, Google's
 * `error.status`, RFC 7807's `detail`/`title`, or a short plain-text body.
 */
export function extractServiceMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const text = body.trim();
    if (text === '' || text.startsWith('<')) return undefined; // an HTML error page says nothing useful
    return shorten(text);
  }
  if (!isRecord(body)) return undefined;
  const error = body.error;
  if (isRecord(error)) {
    const message = stringOf(error.message) ?? stringOf(error.description);
    const status = stringOf(error.status) ?? stringOf(error.type) ?? stringOf(error.code);
    if (message)
      return shorten(status && !message.includes(status) ? `${status}: ${message}` : message);
    if (status) return shorten(status);
  }
  const description = stringOf(body.error_description);
  if (description) {
    const code = stringOf(error);
    return shorten(code ? `${code}: ${description}` : description);
  }
  const direct = stringOf(body.message) ?? stringOf(body.detail) ?? stringOf(body.error_message);
  if (direct) return shorten(direct);
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const first: unknown = body.errors[0];
    const message =
      typeof first === 'string' ? first : isRecord(first) ? stringOf(first.message) : undefined;
    if (message) return shorten(message);
  }
  return shorten(stringOf(error) ?? stringOf(body.title) ?? '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function shorten(text: string): string | undefined {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return undefined;
  return oneLine.length > MAX_SERVICE_MESSAGE_CHARS
    ? `${oneLine.slice(0, MAX_SERVICE_MESSAGE_CHARS - 1)}…`
    : oneLine;
}
