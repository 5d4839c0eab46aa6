/**
 * JSONata checks its time limit only between evaluation steps, and a regex runs as one step: a
 * pattern with a repeated group that holds a quantifier (`(a+)+`, `(\w*)*`, `(a?a?)*`) backtracks
 * exponentially and cannot be stopped once started. Such patterns are refused before they run.
 */
export function nestedRepetition(source: string): string | undefined {
  interface Group {
    start: number;
    repeatsInside: boolean;
  }
  const open: Group[] = [{ start: 0, repeatsInside: false }];
  let closed: Group | undefined;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      closed = undefined;
      i += 2;
      continue;
    }
    if (c === '[') {
      closed = undefined;
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '(') {
      open.push({ start: i, repeatsInside: false });
      closed = undefined;
      i++;
      continue;
    }
    if (c === ')') {
      closed = open.length > 1 ? open.pop() : undefined;
      if (closed?.repeatsInside) open[open.length - 1]!.repeatsInside = true;
      i++;
      continue;
    }
    const quantifier = readQuantifier(source, i);
    if (quantifier) {
      if (quantifier.repeats && closed?.repeatsInside)
        return source.slice(closed.start, i + quantifier.length);
      // Even `?` inside counts: `(a?a?)*` can split the same text in exponentially many ways.
      open[open.length - 1]!.repeatsInside = true;
      closed = undefined;
      i += quantifier.length;
      continue;
    }
    closed = undefined;
    i++;
  }
  return undefined;
}

/** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (and a lazy `?` after them) at `i`; `repeats`: more than once. */
function readQuantifier(source: string, i: number): { length: number; repeats: boolean } | null {
  const c = source[i];
  let length: number;
  let repeats: boolean;
  if (c === '*' || c === '+' || c === '?') {
    length = 1;
    repeats = c !== '?';
  } else if (c === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (!match) return null;
    length = match[0].length;
    const low = Number(match[1]);
    const high = match[2] === undefined ? low : match[3] === '' ? Infinity : Number(match[3]);
    repeats = high > 1;
  } else return null;
  if (source[i + length] === '?') length++;
  return { length, repeats };
}
