import { z } from 'zod';
import { compileDate } from './date-transform';
import { compileBoolean, compileNumber, compileToText } from './number-transforms';
import { compilePhoneE164, isPhoneCountry } from './phone-transform';
import { compileTextTransform } from './text-transforms';
import {
  TransformFailure,
  type CompiledTransform,
  type TransformErrorCode,
} from './transform-failure';
import { RegexFlags, isMissing, regexError } from './values';
import { isValidZoneName } from './zone-cache';

const op = <Op extends string>(name: Op, description: string) =>
  z.object({ op: z.literal(name) }).describe(description);

const DecimalSeparator = z
  .enum(['.', ','])
  .default('.')
  .describe('The decimal separator: "." for 1,234.5 or "," for 1.234,5');

const DateFormat = z
  .string()
  .min(1)
  .max(100)
  .describe("luxon tokens such as yyyy-MM-dd HH:mm or MM/dd/yyyy, or 'iso' for ISO 8601");

export const PhoneE164Transform = z
  .object({
    op: z.literal('phone_e164'),
    defaultCountry: z
      .string()
      .refine(isPhoneCountry, 'must be a two-letter ISO 3166 country code, e.g. US or GB')
      .default('US')
      .describe('The country of numbers written without a +country code (ISO 3166 alpha-2)'),
  })
  .describe('Formats a phone number as E.164, e.g. (415) 555-2671 → +14155552671');

export const DateTransform = z
  .object({
    op: z.literal('date'),
    from: DateFormat.default('auto').describe(
      "How the input is written: luxon tokens, 'iso', or 'auto' (ISO 8601, RFC 2822, HTTP or SQL dates, or epoch milliseconds)",
    ),
    to: DateFormat.refine((f) => f !== 'auto', "'auto' is only for reading").describe(
      "How to write the date: luxon tokens or 'iso'",
    ),
    zone: z
      .string()
      .refine(isValidZoneName, 'must be an IANA time zone such as Europe/Berlin or UTC')
      .default('UTC')
      .describe('The time zone of input without an offset, and of the output'),
  })
  .describe('Reads a date or time and writes it in another format');

export const ReplaceTransform = z
  .object({
    op: z.literal('replace'),
    pattern: z.string().min(1).max(1000).describe('A regular expression, e.g. [^0-9]'),
    flags: RegexFlags.default('g').describe('Regular expression flags; g replaces every match'),
    replacement: z
      .string()
      .max(10_000)
      .default('')
      .describe('The text put in place of each match; $1 inserts the first group'),
  })
  .superRefine((t, ctx) => {
    const problem = regexError(t.pattern, t.flags);
    if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
  })
  .describe('Replaces the text matching a regular expression');

export const Transform = z.discriminatedUnion('op', [
  op('trim', 'Removes spaces and line breaks at the start and end'),
  op('lowercase', 'Turns all letters to lower case'),
  op('uppercase', 'Turns all letters to upper case'),
  op('remove_spaces', 'Removes every space, tab and line break'),
  op('title_case', 'Capitalises The First Letter Of Each Word, lower-casing the rest'),
  PhoneE164Transform,
  DateTransform,
  z
    .object({ op: z.literal('number'), decimalSeparator: DecimalSeparator })
    .describe('Reads a number from text such as "1,234.50" or "$ 12"'),
  op('boolean', 'Reads yes/no from true/false, yes/no, 1/0 or on/off (any case)'),
  z
    .object({
      op: z.literal('split'),
      separator: z.string().min(1).max(100).describe('The text between items, e.g. ,'),
    })
    .describe('Splits text into a list'),
  z
    .object({
      op: z.literal('join'),
      separator: z.string().max(100).describe('The text put between items, e.g. ", "'),
    })
    .describe('Joins a list into text'),
  ReplaceTransform,
  z
    .object({
      op: z.literal('truncate'),
      length: z.number().int().min(0).max(100_000).describe('The most characters to keep'),
    })
    .describe('Keeps at most the first N characters'),
  z
    .object({ op: z.literal('to_text'), decimalSeparator: DecimalSeparator })
    .describe('Writes a number (no grouping) or a yes/no value (true/false) as text'),
]);
export type Transform = z.infer<typeof Transform>;
export type TransformInput = z.input<typeof Transform>;
export type TransformOp = Transform['op'];
export { TransformFailure, type CompiledTransform, type TransformErrorCode };
export type TransformOf<Op extends TransformOp> = Extract<Transform, { op: Op }>;

export type TransformResult =
  { ok: true; value: unknown } | { ok: false; code: TransformErrorCode; message: string };

/** Precompiles `transform`; undefined, null and '' pass through unchanged (they stay missing). */
export function compileTransform(transform: Transform): CompiledTransform {
  const apply = compileOp(transform);
  return (value) => (isMissing(value) ? value : apply(value));
}

function compileOp(t: Transform): CompiledTransform {
  switch (t.op) {
    case 'phone_e164':
      return compilePhoneE164(t);
    case 'date':
      return compileDate(t);
    case 'number':
      return compileNumber(t);
    case 'boolean':
      return compileBoolean();
    case 'to_text':
      return compileToText(t);
    default:
      return compileTextTransform(t);
  }
}

const compiledByTransform = new WeakMap<Transform, CompiledTransform>();

/** Applies one transform; compiles it once per transform object. */
export function applyTransform(transform: Transform, value: unknown): TransformResult {
  let compiled = compiledByTransform.get(transform);
  if (!compiled) {
    compiled = compileTransform(transform);
    compiledByTransform.set(transform, compiled);
  }
  const result = compiled(value);
  return result instanceof TransformFailure
    ? { ok: false, code: result.code, message: result.message }
    : { ok: true, value: result };
}
