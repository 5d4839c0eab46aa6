import { DateTime } from 'luxon';
import { readBoolean, templateText } from './mapping';

const NUMERIC = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** A number, or a string that is one ("42", " -1.5 ", "1e3"); undefined otherwise. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && NUMERIC.test(value) ? Number(value) : undefined;
}

/** Epoch milliseconds of an ISO 8601 date or date-time (UTC unless it has an offset). */
export function isoDateOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return undefined;
  const date = DateTime.fromISO(value.replace(' ', 'T'), { zone: 'utc' });
  return date.isValid ? date.toMillis() : undefined;
}

/** Text for text operators: missing is '', lists and objects are JSON. */
export const textOf = (value: unknown, caseSensitive: boolean): string =>
  caseSensitive ? templateText(value) : templateText(value).toLowerCase();

/** Negative, zero or positive when both are numbers (numeric strings count) or both ISO dates. */
export function compareValues(left: unknown, right: unknown): number | undefined {
  const a = numberOf(left);
  const b = numberOf(right);
  if (a !== undefined && b !== undefined) return a - b;
  const da = isoDateOf(left);
  const db = isoDateOf(right);
  return da !== undefined && db !== undefined ? da - db : undefined;
}

/**
 * Equal as numbers when either side is a number, as yes/no values when either is a boolean,
 * as instants when both are ISO dates, and otherwise as text ("007" is not "7").
 */
export function valuesEqual(left: unknown, right: unknown, caseSensitive: boolean): boolean {
  if (typeof left === 'number' || typeof right === 'number') {
    const a = numberOf(left);
    const b = numberOf(right);
    if (a !== undefined && b !== undefined) return a === b;
  }
  if (typeof left === 'boolean' || typeof right === 'boolean') {
    const a = readBoolean(left);
    const b = readBoolean(right);
    if (a !== undefined && b !== undefined) return a === b;
  }
  const da = isoDateOf(left);
  const db = isoDateOf(right);
  if (da !== undefined && db !== undefined) return da === db;
  return textOf(left, caseSensitive) === textOf(right, caseSensitive);
}

/** Missing, null, blank text, an empty list or an object without keys. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
