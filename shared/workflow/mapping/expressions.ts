import jsonata from 'jsonata';
import { z } from 'zod';
import type { Scope } from './paths';
import { registerLinearBuiltins } from './expression-builtins';
import { nestedRepetition } from './regex-safety';

/**
 * JSONata's time limit is checked between evaluation steps, so one step over a huge sequence
 * (`$sort([1..10000000])` runs out of memory) is capped by length instead.
 */
export const MAX_SEQUENCE_LENGTH = 100_000;

export interface ExpressionLimits {
  /** Wall-clock budget of one evaluation. */
  timeoutMs: number;
  /** How deeply evaluation may nest (recursion, nested calls). */
  maxDepth: number;
}

export type ExpressionOutcome = { ok: true; value: unknown } | { ok: false; message: string };

export type CompiledExpression =
  { ok: true; evaluate(scope: Scope): Promise<ExpressionOutcome> } | { ok: false; message: string };

interface JsonataFailure {
  code?: string;
  position?: number;
  message?: string;
}

const failureOf = (error: unknown): JsonataFailure =>
  error !== null && typeof error === 'object'
    ? (error as JsonataFailure)
    : { message: String(error) };

/** The syntax tree of a JSONata expression; throws an Error whose message gives the position. */
export function parseExpression(text: string): jsonata.ExprNode {
  let ast: jsonata.ExprNode;
  try {
    ast = jsonata(text).ast();
  } catch (error) {
    throw new Error(syntaxMessage(error), { cause: error });
  }
  const unsafe = unsafeRegex(ast);
  if (unsafe !== undefined) throw new Error(unsafe);
  return ast;
}

/** A message for the first regex literal whose backtracking could run without bound. */
function unsafeRegex(node: unknown): string | undefined {
  if (node instanceof RegExp) {
    const part = nestedRepetition(node.source);
    return part === undefined
      ? undefined
      : `expression: the regular expression /${node.source}/ repeats "${part}", a group that repeats inside, which can take practically forever; rewrite it without the nested repetition`;
  }
  if (node === null || typeof node !== 'object') return undefined;
  for (const value of Object.values(node)) {
    const found = unsafeRegex(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

function syntaxMessage(error: unknown): string {
  const { position, message } = failureOf(error);
  return `expression: syntax error at position ${position ?? 0}: ${message ?? 'unreadable'}`;
}

/**
 * The expression's input is the scope (`trigger.email`, `$sum(lookup.items.price)`). JSONata
 * checks both limits on entry to every sub-evaluation (its `timeout` and `stack` options), so
 * tail-recursive loops, which never grow the stack, still stop on time.
 */
export function compileExpression(text: string, limits: ExpressionLimits): CompiledExpression {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(text, {
      timeout: limits.timeoutMs,
      stack: limits.maxDepth,
      sequence: MAX_SEQUENCE_LENGTH,
    });
  } catch (error) {
    return { ok: false, message: syntaxMessage(error) };
  }
  const unsafe = unsafeRegex(expression.ast());
  if (unsafe !== undefined) return { ok: false, message: unsafe };
  registerLinearBuiltins(expression, MAX_SEQUENCE_LENGTH);
  return {
    ok: true,
    async evaluate(scope) {
      let raw: unknown;
      try {
        raw = await expression.evaluate(scope);
      } catch (error) {
        return { ok: false, message: runtimeMessage(failureOf(error), limits) };
      }
      try {
        return { ok: true, value: plain(raw) };
      } catch (error) {
        const message = (error as Error).message;
        return {
          ok: false,
          message: message.startsWith('expression: ') ? message : `expression: ${message}`,
        };
      }
    },
  };
}

function runtimeMessage(failure: JsonataFailure, limits: ExpressionLimits): string {
  if (failure.code === 'D1012') {
    return `expression: stopped after ${limits.timeoutMs} ms (is there an infinite loop?)`;
  }
  if (failure.code === 'D2014' || failure.code === 'D2015') {
    return `expression: a sequence longer than ${MAX_SEQUENCE_LENGTH} items was refused`;
  }
  if (failure.code === 'D1011') {
    return `expression: stopped at nesting depth ${limits.maxDepth} (is there a runaway recursion?)`;
  }
  const where = failure.position === undefined ? '' : ` (at position ${failure.position})`;
  return `expression: ${failure.message ?? 'failed'}${where}`;
}

/** JSONata marks its result arrays with extra properties; the output holds plain JSON values. */
function plain(value: unknown): unknown {
  if (typeof value === 'function')
    throw new Error('expression: the result is a function, not a value');
  // Array.from, not map: map asks the array's own `constructor` (a transform can set one) for
  // the result's class and throws when it is not one.
  if (Array.isArray(value)) return Array.from(value as unknown[], plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}

export const ExpressionText = z
  .string()
  .min(1)
  .max(10_000)
  .superRefine((text, ctx) => {
    try {
      parseExpression(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  })
  .describe(
    'A JSONata expression over the scope, e.g. $sum(lookup.items.price) or trigger.first & " " & trigger.last',
  );
