/** A service that asks for more than an hour is clamped: the run should not vanish for a day. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

export interface RetryAfter {
  /** How long to wait, never negative, never above the maximum. */
  delayMs: number;
  /** True when the service asked for longer than the maximum and the wait was shortened. */
  clamped: boolean;
  /** What the service asked for, before clamping. */
  requestedMs: number;
}

const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
/** IMF-fixdate, RFC 850 and asctime all carry a month name and an hh:mm:ss time. */
const HTTP_DATE =
  /^(?=.*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b)(?=.*\b\d{2}:\d{2}:\d{2}\b)[\w ,:-]+$/i;

/**
 * Parses a `Retry-After` header: delta-seconds, or an HTTP-date read relative to `now`. A date in
 * the past means "now" (0). Anything else (empty, negative, words) is ignored: undefined.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: Date,
  maxMs: number = MAX_RETRY_AFTER_MS,
): RetryAfter | undefined {
  if (value == null) return undefined;
  // A header sent twice arrives joined by ", "; an HTTP-date contains a comma of its own.
  let text = value.trim();
  const repeated = /^(\d+(?:\.\d+)?)\s*,/.exec(text);
  if (repeated?.[1] !== undefined) text = repeated[1];

  let requestedMs: number;
  if (DELTA_SECONDS.test(text)) {
    requestedMs = Math.ceil(Number(text) * 1000);
  } else if (HTTP_DATE.test(text)) {
    // HTTP-dates are always GMT; asctime omits the zone, which Date.parse would read as local.
    const at = Date.parse(/\b(?:GMT|UTC)\b/i.test(text) ? text : `${text} GMT`);
    if (!Number.isFinite(at)) return undefined;
    requestedMs = Math.max(0, at - now.getTime());
  } else {
    return undefined;
  }
  if (!Number.isFinite(requestedMs)) return undefined;
  const clamped = requestedMs > maxMs;
  return { delayMs: clamped ? maxMs : requestedMs, clamped, requestedMs };
}
