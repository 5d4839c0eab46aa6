import { z } from 'zod';
import { nestedRepetition } from './regex-safety';

/** A value that counts as "no value" in a mapping: undefined, null or the empty string. */
export const isMissing = (value: unknown): value is undefined | null | '' =>
  value === undefined || value === null || value === '';

const MAX_SHOWN = 60;

/** How a value is named in a message: `"abc"`, `42`, `a list (3 items)`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'no value';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value))
    return `a list (${value.length} ${value.length === 1 ? 'item' : 'items'})`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}

/** Flags of a user's regular expression: each of g, i, m, s, u, y at most once. */
export const RegexFlags = z
  .string()
  .regex(/^(?!.*(.).*\1)[gimsuy]*$/, 'must be letters among g, i, m, s, u, y, each at most once');

/** Why `pattern` does not compile with `flags`, or undefined when it does. */
export function regexError(pattern: string, flags: string | undefined): string | undefined {
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
  const nested = nestedRepetition(pattern);
  return nested === undefined
    ? undefined
    : `repeats "${nested}", a group that repeats inside, which can take practically forever; rewrite it without the nested repetition`;
}
