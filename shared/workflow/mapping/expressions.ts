import jsonata from 'jsonata';
import { z } from 'zod';
import type { Scope } from './paths';

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
  try {
    return jsonata(text).ast();
  } catch (error) {
    throw new Error(syntaxMessage(error), { cause: error });
  }
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
    expression = jsonata(text, { timeout: limits.timeoutMs, stack: limits.maxDepth });
  } catch (error) {
    return { ok: false, message: syntaxMessage(error) };
  }
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
        return { ok: false, message: (error as Error).message };
      }
    },
  };
}

function runtimeMessage(failure: JsonataFailure, limits: ExpressionLimits): string {
  if (failure.code === 'D1012') {
    return `expression: stopped after ${limits.timeoutMs} ms (is there an infinite loop?)`;
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
  if (Array.isArray(value)) return value.map(plain);
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
