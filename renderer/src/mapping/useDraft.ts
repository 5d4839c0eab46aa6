import { useState } from 'react';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The text of an input whose value is stored parsed (a list, a number, JSON): what the operator
 * types stays as typed (a trailing comma, a half-written number) while the parsed value is
 * committed; a change from outside (undo, another editor) replaces the text.
 */
export function useDraft<T>(
  value: T,
  format: (value: T) => string,
  parse: (text: string) => T,
): [string, (text: string) => void] {
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState(value);
  if (!sameJson(seen, value)) {
    setSeen(value);
    if (!sameJson(parseOrUndefined(parse, text), value)) setText(format(value));
  }
  return [text, setText];
}

function parseOrUndefined<T>(parse: (text: string) => T, text: string): T | undefined {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}
