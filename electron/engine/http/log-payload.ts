import type { Redactor } from './redact';

export const DEFAULT_LOG_MAX_BYTES = 64 * 1024;
export const DEFAULT_LOG_PREVIEW_CHARS = 1024;

export type LogValue = null | boolean | number | string | LogValue[] | { [key: string]: LogValue };

/**
 * What a log keeps of a payload whose JSON is larger than the limit. The run itself keeps the
 * full data; only the log is cut. `preview` is the start of the redacted JSON text.
 */
export interface TruncatedLogPayload {
  __truncated: true;
  originalBytes: number;
  preview: string;
}

export interface PrepareForLogOptions {
  redactor: Redactor;
  /** Largest JSON (UTF-8 bytes) kept as is; default 64 KiB. */
  maxBytes?: number;
  /** Characters of JSON kept in the preview of a truncated payload; default 1024. */
  previewChars?: number;
}

/** Redacts `value` and makes it JSON-safe and small enough for a step log. */
export function prepareForLog(value: unknown, options: PrepareForLogOptions): LogValue {
  const { redactor, maxBytes = DEFAULT_LOG_MAX_BYTES } = options;
  const redacted = redactor.redact(value) as LogValue | undefined;
  if (redacted === undefined) return null;
  if (typeof redacted !== 'object' || redacted === null) {
    if (typeof redacted !== 'string' || redacted.length * 3 <= maxBytes) return redacted;
  }
  const json = JSON.stringify(redacted);
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit, so most sizes are settled without counting.
  if (json.length * 3 <= maxBytes) return redacted;
  if (json.length <= maxBytes && Buffer.byteLength(json, 'utf8') <= maxBytes) return redacted;
  return truncated(json, options.previewChars ?? DEFAULT_LOG_PREVIEW_CHARS);
}

/**
 * The same as prepareForLog, as JSON text ready to store, and whether it was truncated — one
 * serialisation instead of two on the hot path of step logs.
 */
export function logJson(
  value: unknown,
  options: PrepareForLogOptions,
): { json: string; truncated: boolean } {
  const { redactor, maxBytes = DEFAULT_LOG_MAX_BYTES } = options;
  const redacted = redactor.redact(value) as LogValue | undefined;
  const json = JSON.stringify(redacted ?? null);
  if (json.length * 3 <= maxBytes) return { json, truncated: false };
  if (json.length <= maxBytes && Buffer.byteLength(json, 'utf8') <= maxBytes) {
    return { json, truncated: false };
  }
  const cut = truncated(json, options.previewChars ?? DEFAULT_LOG_PREVIEW_CHARS);
  return { json: JSON.stringify(cut), truncated: true };
}

function truncated(json: string, previewChars: number): TruncatedLogPayload & LogValue {
  let end = Math.min(previewChars, json.length);
  // Do not cut a surrogate pair in half.
  if (end > 0 && end < json.length && /[\uD800-\uDBFF]/.test(json.charAt(end - 1))) end -= 1;
  return {
    __truncated: true,
    originalBytes: Buffer.byteLength(json, 'utf8'),
    preview: json.slice(0, end),
  };
}
