import { TransformFailure, type CompiledTransform } from './transform-failure';
import type { Transform, TransformOf } from './transforms';
import { describeValue } from './values';

type TextOp = Exclude<Transform['op'], 'phone_e164' | 'date' | 'number' | 'boolean' | 'to_text'>;

/** Text transforms read numbers and yes/no values as their text; lists and objects do not fit. */
export function asText(op: string, value: unknown): string | TransformFailure {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return new TransformFailure(
    'type_mismatch',
    `${op}: expected text, received ${describeValue(value)}`,
  );
}

const onText =
  (op: string, transform: (text: string) => unknown): CompiledTransform =>
  (value) => {
    if (typeof value === 'string') return transform(value);
    const text = asText(op, value);
    return text instanceof TransformFailure ? text : transform(text);
  };

const WHITESPACE = /\s+/g;
const WORD_START = /(^|[\s\-/(])(\p{Ll})/gu;

export function compileTextTransform(t: TransformOf<TextOp>): CompiledTransform {
  switch (t.op) {
    case 'trim':
      return onText(t.op, (s) => s.trim());
    case 'lowercase':
      return onText(t.op, (s) => s.toLowerCase());
    case 'uppercase':
      return onText(t.op, (s) => s.toUpperCase());
    case 'remove_spaces':
      return onText(t.op, (s) => s.replace(WHITESPACE, ''));
    case 'title_case':
      return onText(t.op, (s) =>
        s
          .toLowerCase()
          .replace(
            WORD_START,
            (_, before: string, letter: string) => before + letter.toUpperCase(),
          ),
      );
    case 'truncate':
      return onText(t.op, (s) => truncate(s, t.length));
    case 'replace': {
      const pattern = new RegExp(t.pattern, t.flags);
      return onText(t.op, (s) => s.replace(pattern, t.replacement));
    }
    case 'split':
      return onText(t.op, (s) => s.split(t.separator));
    case 'join':
      return (value) => join(value, t.separator);
  }
}

/** Cuts by characters (code points), never inside a surrogate pair. */
function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  let end = 0;
  for (let kept = 0; kept < length && end < text.length; kept++) {
    end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
  }
  return text.slice(0, end);
}

function join(value: unknown, separator: string): unknown {
  if (!Array.isArray(value)) {
    return new TransformFailure(
      'type_mismatch',
      `join: expected a list, received ${describeValue(value)}`,
    );
  }
  const parts: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (item === undefined || item === null) parts.push('');
    else if (typeof item === 'object') {
      const message = `join: item ${i + 1} is ${describeValue(item)}, not text`;
      return new TransformFailure('type_mismatch', message);
    } else parts.push(String(item));
  }
  return parts.join(separator);
}
