import { z } from 'zod';

/** Data from earlier nodes, keyed by node id (`trigger`, or a step id like `lookup`). */
export type Scope = Readonly<Record<string, unknown>>;

/** One step of a path: a property name, or an array index. */
export type PathSegment = string | number;

/** A path that does not parse; `position` is the 0-based offset of the problem. */
export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError';
  constructor(
    readonly path: string,
    readonly position: number,
    problem: string,
  ) {
    super(`Invalid path "${path}": ${problem} at position ${position}`);
  }
}

const NAME_CHAR = /[\p{L}\p{N}_-]/u;
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_-]*$/u;
/** Keys that would reach an object's prototype when written. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * `trigger.items[0].id`, `trigger["first name"]`, `lookup['a.b']` → segments. Names after a dot
 * are letters, digits, `_` and `-`; anything else goes in quotes inside brackets.
 */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (problem: string): never => {
    throw new PathSyntaxError(path, i, problem);
  };
  const readName = () => {
    const start = i;
    while (i < path.length && NAME_CHAR.test(path[i]!)) i++;
    if (i === start) fail('expected a name');
    segments.push(path.slice(start, i));
  };
  if (path.length === 0) fail('the path is empty');
  if (path[0] === '[') readBracket();
  else readName();
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      readName();
    } else if (c === '[') {
      readBracket();
    } else {
      fail(`unexpected "${c}"`);
    }
  }
  return segments;

  function readBracket() {
    i++; // '['
    const c = path[i];
    if (c === '"' || c === "'") {
      segments.push(readQuoted(c));
    } else {
      const start = i;
      while (i < path.length && path[i]! >= '0' && path[i]! <= '9') i++;
      if (i === start) fail('expected an index or a quoted name after "["');
      const digits = path.slice(start, i);
      if (digits.length > 1 && digits[0] === '0') fail('an index has no leading zeros');
      segments.push(Number(digits));
    }
    if (path[i] !== ']') fail('expected "]"');
    i++;
  }

  function readQuoted(quote: string): string {
    i++;
    let text = '';
    while (i < path.length && path[i] !== quote) {
      if (path[i] === '\\') {
        i++;
        if (i >= path.length) break;
      }
      text += path[i];
      i++;
    }
    if (i >= path.length) fail(`unclosed ${quote}`);
    i++;
    return text;
  }
}

/** The canonical text of a path: `a.b[0]["c d"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let text = '';
  segments.forEach((segment, index) => {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += index === 0 ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  });
  return text;
}

/** The value at `path`, or undefined. Only own properties are read (never the prototype). */
export function resolvePath(root: unknown, path: string | readonly PathSegment[]): unknown {
  const segments = typeof path === 'string' ? parsePath(path) : path;
  let current = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof segment === 'number' && Array.isArray(current)) {
      current = current[segment];
    } else {
      const key = String(segment);
      if (!Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
  }
  return current;
}

/** Writes `value` at `path` inside `target`, creating objects (or arrays before an index). */
export function setPath(
  target: Record<string, unknown>,
  path: string | readonly PathSegment[],
  value: unknown,
): void {
  const segments = typeof path === 'string' ? parsePath(path) : path;
  const text = typeof path === 'string' ? path : formatPath(path);
  let current: Record<string | number, unknown> = target;
  segments.forEach((segment, index) => {
    if (typeof segment === 'string' && UNSAFE_KEYS.has(segment)) {
      throw new Error(`Cannot write to "${text}": "${segment}" is not allowed as a name`);
    }
    if (index === segments.length - 1) {
      current[segment] = value;
      return;
    }
    // Only own values count: `toString.x` must not find Object.prototype.toString in the way.
    let next = Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (next === undefined || next === null) {
      next = typeof segments[index + 1] === 'number' ? [] : {};
      current[segment] = next;
    } else if (typeof next !== 'object') {
      const at = formatPath(segments.slice(0, index + 1));
      throw new Error(
        `Cannot write to "${text}": "${at}" already holds a value that is not an object`,
      );
    }
    current = next as Record<string | number, unknown>;
  });
}

const pathError = (path: string): string | undefined => {
  try {
    parsePath(path);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

/** A path read from the scope: its first segment is the node id. */
export const SourcePath = z
  .string()
  .max(1000)
  .superRefine((path, ctx) => {
    const problem = pathError(path);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    else if (typeof parsePath(path)[0] !== 'string') {
      ctx.addIssue({
        code: 'custom',
        message: `"${path}" must start with a node id, e.g. trigger.email`,
      });
    }
  })
  .describe(
    'Where the value comes from: a node id then a path, e.g. trigger.email or lookup.items[0].id',
  );

/** A path written in the output object. */
export const TargetPath = z
  .string()
  .max(1000)
  .superRefine((path, ctx) => {
    const problem = pathError(path);
    if (problem) return ctx.addIssue({ code: 'custom', message: problem });
    const unsafe = parsePath(path).find((s) => typeof s === 'string' && UNSAFE_KEYS.has(s));
    if (unsafe !== undefined)
      ctx.addIssue({ code: 'custom', message: `"${unsafe}" is not allowed as a name` });
  })
  .describe('Where the value goes in the output, e.g. email, contact.phone or ["First Name"]');
