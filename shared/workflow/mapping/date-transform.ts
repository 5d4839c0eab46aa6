import { DateTime, type DateTimeOptions, type ToISOTimeOptions } from 'luxon';
import { TransformFailure, type CompiledTransform } from './transform-failure';
import type { TransformOf } from './transforms';
import { describeValue } from './values';
import { zoneNamed } from './zone-cache';

/** Month and weekday names are read and written in English, whatever the machine's locale. */
const LOCALE = 'en-US';
const ISO_OUT: ToISOTimeOptions = { suppressMilliseconds: true };
const AUTO_FORMATS = 'ISO 8601, RFC 2822, HTTP or SQL';

type Reader = (value: unknown) => DateTime | TransformFailure;

const AUTO_PARSERS: readonly ((text: string, options: DateTimeOptions) => DateTime)[] = [
  (text, options) => DateTime.fromISO(text, options),
  (text, options) => DateTime.fromRFC2822(text, options),
  (text, options) => DateTime.fromHTTP(text, options),
  (text, options) => DateTime.fromSQL(text, options),
];

export function compileDate(t: TransformOf<'date'>): CompiledTransform {
  const read = compileReader(t.from, { zone: zoneNamed(t.zone), locale: LOCALE });
  const write =
    t.to === 'iso' ? (d: DateTime) => d.toISO(ISO_OUT) : (d: DateTime) => d.toFormat(t.to);
  return (value) => {
    const date = read(value);
    return date instanceof TransformFailure ? date : write(date);
  };
}

function compileReader(from: string, options: DateTimeOptions): Reader {
  if (from === 'auto') {
    return (value) => {
      if (typeof value === 'number')
        return checked(DateTime.fromMillis(value, options), value, 'epoch milliseconds');
      const text = textOf(value);
      if (text instanceof TransformFailure) return text;
      for (const parse of AUTO_PARSERS) {
        const date = parse(text, options);
        if (date.isValid) return date;
      }
      return failed(text, `a date (expected ${AUTO_FORMATS} format, or epoch milliseconds)`);
    };
  }
  if (from === 'iso') {
    return (value) => {
      const text = textOf(value);
      return text instanceof TransformFailure
        ? text
        : checked(DateTime.fromISO(text, options), text, 'an ISO 8601 date');
    };
  }
  const parser = DateTime.buildFormatParser(from, { locale: LOCALE });
  const expected = `a date in the format "${from}"`;
  return (value) => {
    const text = typeof value === 'number' ? String(value) : textOf(value);
    if (text instanceof TransformFailure) return text;
    return checked(DateTime.fromFormatParser(text, parser, options), text, expected);
  };
}

function textOf(value: unknown): string | TransformFailure {
  if (typeof value === 'string') return value;
  return new TransformFailure(
    'type_mismatch',
    `date: expected text, received ${describeValue(value)}`,
  );
}

const checked = (date: DateTime, input: string | number, expected: string) =>
  date.isValid ? date : failed(input, expected);

const failed = (input: string | number, expected: string) =>
  new TransformFailure('transform_failed', `date: ${describeValue(input)} is not ${expected}`);
