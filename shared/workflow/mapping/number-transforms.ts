import { asText } from './text-transforms';
import { TransformFailure, type CompiledTransform } from './transform-failure';
import type { TransformOf } from './transforms';
import { describeValue } from './values';

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', '1', 'on']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'no', '0', 'off']);

/** true/false, yes/no, 1/0, on/off in any case (and surrounding spaces); undefined otherwise. */
export function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
}

export function compileBoolean(): CompiledTransform {
  return (value) => {
    const read = readBoolean(value);
    if (read !== undefined) return read;
    if (typeof value === 'string' || typeof value === 'number') {
      const message = `boolean: ${describeValue(value)} is not one of true/false, yes/no, 1/0, on/off`;
      return new TransformFailure('transform_failed', message);
    }
    return new TransformFailure(
      'type_mismatch',
      `boolean: expected text or a number, received ${describeValue(value)}`,
    );
  };
}

/**
 * A number with an optional sign and currency symbol; digits may be grouped in threes by the
 * other separator, a space, a no-break space or an apostrophe ("1,234.5", "1 234,5", "1'234").
 */
function numberPattern(decimal: '.' | ','): RegExp {
  const group = decimal === '.' ? "[, \\u00a0\\u202f']" : "[. \\u00a0\\u202f']";
  const dec = decimal === '.' ? '\\.' : ',';
  return new RegExp(
    `^([+-]?)\\s*\\p{Sc}?\\s*(\\d{1,3}(?:${group}\\d{3})+|\\d*)(?:${dec}(\\d+))?(?:[eE]([+-]?\\d+))?\\s*\\p{Sc}?$`,
    'u',
  );
}
const GROUPING = /[^\d]/g;

export function compileNumber(t: TransformOf<'number'>): CompiledTransform {
  const pattern = numberPattern(t.decimalSeparator);
  return (value) => {
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return value;
      return new TransformFailure('transform_failed', `number: ${value} is not a finite number`);
    }
    const text = typeof value === 'string' ? value : undefined;
    if (text === undefined) {
      return new TransformFailure(
        'type_mismatch',
        `number: expected text, received ${describeValue(value)}`,
      );
    }
    const match = pattern.exec(text.trim());
    const whole = match?.[2] ?? '';
    const fraction = match?.[3];
    if (!match || (whole === '' && fraction === undefined)) {
      const message = `number: ${describeValue(text)} is not a number (decimal separator "${t.decimalSeparator}")`;
      return new TransformFailure('transform_failed', message);
    }
    const exponent = match[4] === undefined ? '' : `e${match[4]}`;
    const canonical = `${match[1]}${whole.replace(GROUPING, '') || '0'}${fraction === undefined ? '' : `.${fraction}`}${exponent}`;
    const parsed = Number(canonical);
    if (Number.isFinite(parsed)) return parsed;
    return new TransformFailure('transform_failed', `number: ${describeValue(text)} is too large`);
  };
}

/** The inverse of `number` and `boolean`: numbers without grouping, booleans as true/false. */
export function compileToText(t: TransformOf<'to_text'>): CompiledTransform {
  return (value) => {
    if (typeof value === 'number' && t.decimalSeparator === ',')
      return String(value).replace('.', ',');
    return asText('to_text', value);
  };
}
