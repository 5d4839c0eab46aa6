import { z } from 'zod';
import { RegexFlags, describeValue, regexError } from './values';

const message = z
  .string()
  .min(1)
  .max(500)
  .optional()
  .describe('Shown instead of the standard message when the value fails');

export const Validation = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('regex'),
      pattern: z
        .string()
        .min(1)
        .max(1000)
        .describe(
          'A regular expression the value must match; ^ and $ anchor it, e.g. ^[A-Z]{2}\\d+$',
        ),
      flags: RegexFlags.optional(),
      message,
    })
    .superRefine((v, ctx) => {
      const problem = regexError(v.pattern, v.flags);
      if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
    })
    .describe('The value must match a regular expression'),
  z.object({ kind: z.literal('email'), message }).describe('The value must be an e-mail address'),
  z
    .object({ kind: z.literal('url'), message })
    .describe('The value must be an http or https address'),
  z
    .object({
      kind: z.literal('one_of'),
      values: z
        .array(z.string().max(1000))
        .min(1)
        .max(1000)
        .describe('The allowed values (exact match)'),
      message,
    })
    .describe('The value must be one of a list'),
]);
export type Validation = z.infer<typeof Validation>;
export type ValidationInput = z.input<typeof Validation>;

/** The WHATWG definition of a valid e-mail address (HTML `input type=email`). */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Returns why `value` fails, or undefined when it passes. */
export type CompiledValidation = (value: unknown) => string | undefined;

export function compileValidation(validation: Validation): CompiledValidation {
  const check = compileCheck(validation);
  if (validation.message === undefined) return check;
  const custom = validation.message;
  return (value) => (check(value) === undefined ? undefined : custom);
}

function compileCheck(v: Validation): CompiledValidation {
  switch (v.kind) {
    case 'regex': {
      // g and y would make test() stateful between values.
      const pattern = new RegExp(v.pattern, (v.flags ?? '').replace(/[gy]/g, ''));
      return onText((text) =>
        pattern.test(text)
          ? undefined
          : `${describeValue(text)} does not match /${v.pattern}/${v.flags ?? ''}`,
      );
    }
    case 'email':
      return onText((text) =>
        EMAIL.test(text) ? undefined : `${describeValue(text)} is not an e-mail address`,
      );
    case 'url':
      return onText((text) =>
        isWebAddress(text) ? undefined : `${describeValue(text)} is not an http or https address`,
      );
    case 'one_of': {
      const allowed = new Set(v.values);
      const listed = v.values
        .slice(0, 10)
        .map((value) => JSON.stringify(value))
        .join(', ');
      const more = v.values.length > 10 ? ', …' : '';
      return onText((text) =>
        allowed.has(text) ? undefined : `${describeValue(text)} is not one of ${listed}${more}`,
      );
    }
  }
}

const onText =
  (check: (text: string) => string | undefined): CompiledValidation =>
  (value) => {
    if (typeof value === 'string') return check(value);
    if (typeof value === 'number' || typeof value === 'boolean') return check(String(value));
    return `expected text, received ${describeValue(value)}`;
  };

function isWebAddress(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Checks one value; for many values compile once with `compileValidation`. */
export function validateValue(
  validation: Validation,
  value: unknown,
): { ok: true } | { ok: false; message: string } {
  const problem = compileValidation(validation)(value);
  return problem === undefined ? { ok: true } : { ok: false, message: problem };
}
