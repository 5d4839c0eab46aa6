import { z } from 'zod';
import { compareValues, isEmpty, textOf, valuesEqual } from './conditions-compare';
import {
  compileTemplate,
  describeValue,
  parsePath,
  readBoolean,
  resolvePath,
  type Scope,
} from './mapping';

export const ConditionOperator = z.enum([
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'greater_than',
  'less_than',
  'greater_or_equal',
  'less_or_equal',
  'is_empty',
  'is_not_empty',
  'matches_regex',
  'is_true',
  'is_false',
  'exists',
  'not_exists',
]);
export type ConditionOperator = z.infer<typeof ConditionOperator>;

/** Operators that look at the left side only. */
export const UNARY_OPERATORS: ReadonlySet<ConditionOperator> = new Set([
  'is_empty',
  'is_not_empty',
  'is_true',
  'is_false',
  'exists',
  'not_exists',
]);

const operandError = (text: string): string | undefined => {
  try {
    if (text.includes('{{')) compileTemplate(text);
    else parsePath(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

export const Rule = z.object({
  left: z
    .string()
    .min(1)
    .max(1000)
    .superRefine((text, ctx) => {
      const problem = operandError(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe(
      'What to test: a path such as trigger.email, or a template such as {{trigger.first}} {{trigger.last}}',
    ),
  operator: ConditionOperator,
  right: z
    .union([z.string().max(1000), z.number(), z.boolean()])
    .optional()
    .describe('The value to compare with; text may hold {{references}}'),
  caseSensitive: z
    .boolean()
    .optional()
    .describe('Compare text with its exact case; by default case is ignored'),
});
export type Rule = z.infer<typeof Rule>;

export const Condition = z
  .object({
    combinator: z
      .enum(['all', 'any'])
      .describe('all: every rule must pass; any: at least one rule must pass'),
    rules: z.array(Rule).min(1, 'add at least one rule').max(50).readonly(),
  })
  .superRefine((condition, ctx) => {
    condition.rules.forEach((rule, i) => {
      const issue = (message: string) =>
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'right'],
          message: `rule ${i + 1}: ${message}`,
        });
      if (UNARY_OPERATORS.has(rule.operator)) return;
      if (rule.right === undefined || rule.right === '') {
        return issue(`"${rule.operator}" needs a value to compare with`);
      }
      if (typeof rule.right !== 'string') return;
      if (rule.right.includes('{{')) {
        const problem = operandError(rule.right);
        if (problem) issue(problem);
      } else if (rule.operator === 'matches_regex') {
        const compiled = regexFor(rule.right, true);
        if (typeof compiled === 'string') issue(compiled);
      }
    });
  });
export type Condition = z.infer<typeof Condition>;
export type ConditionInput = z.input<typeof Condition>;

export interface ConditionOutcome {
  passed: boolean;
  /** A sentence for the run log, e.g. `trigger.email ("bob@x.io") does not contain "@acme.com"`. */
  explanation: string;
}

export interface CompiledCondition {
  evaluate(scope: Scope): ConditionOutcome;
}

type CompiledRule = (scope: Scope) => ConditionOutcome;

export function compileCondition(condition: Condition): CompiledCondition {
  const rules = condition.rules.map(compileRule);
  return {
    evaluate(scope) {
      const outcomes = rules.map((rule) => rule(scope));
      const passed =
        condition.combinator === 'all'
          ? outcomes.every((o) => o.passed)
          : outcomes.some((o) => o.passed);
      // Every sentence is true of the data; name the ones that decided the outcome.
      const deciding =
        passed === (condition.combinator === 'all')
          ? outcomes
          : outcomes.filter((o) => o.passed === passed);
      return { passed, explanation: deciding.map((o) => o.explanation).join(' and ') };
    },
  };
}

/** [sentence when the test holds, sentence when it does not]. */
const PHRASES = {
  equals: ['equals', 'does not equal'],
  contains: ['contains', 'does not contain'],
  starts_with: ['starts with', 'does not start with'],
  ends_with: ['ends with', 'does not end with'],
  greater_than: ['is greater than', 'is not greater than'],
  less_than: ['is less than', 'is not less than'],
  greater_or_equal: ['is greater than or equal to', 'is less than'],
  less_or_equal: ['is less than or equal to', 'is greater than'],
  matches_regex: ['matches', 'does not match'],
  is_empty: ['is empty', 'is not empty'],
  is_true: ['is true', 'is not true'],
  is_false: ['is false', 'is not false'],
  exists: ['exists', 'does not exist'],
} as const;
type Test = keyof typeof PHRASES;

const NEGATIONS: Partial<Record<ConditionOperator, Test>> = {
  not_equals: 'equals',
  not_contains: 'contains',
  is_not_empty: 'is_empty',
  not_exists: 'exists',
};

const ORDERINGS = {
  greater_than: (d: number) => d > 0,
  less_than: (d: number) => d < 0,
  greater_or_equal: (d: number) => d >= 0,
  less_or_equal: (d: number) => d <= 0,
} as const;

function compileRule(rule: Rule): CompiledRule {
  const test: Test = NEGATIONS[rule.operator] ?? (rule.operator as Test);
  const negated = test !== rule.operator;
  const caseSensitive = rule.caseSensitive === true;
  const readLeft = compileOperand(rule.left);
  const right = compileRight(rule.right);
  const staticRegex =
    test === 'matches_regex' && !right.dynamic
      ? regexFor(String(rule.right), caseSensitive)
      : undefined;

  return (scope) => {
    const left = readLeft(scope);
    const rightValue = right.read(scope);
    const subject =
      test === 'exists' && left === undefined ? rule.left : `${rule.left} (${describeValue(left)})`;
    let rightLabel = right.label(rightValue);
    let holds: boolean;
    switch (test) {
      case 'equals':
        holds = valuesEqual(left, rightValue, caseSensitive);
        break;
      case 'contains':
        holds = Array.isArray(left)
          ? left.some((item) => valuesEqual(item, rightValue, caseSensitive))
          : textOf(left, caseSensitive).includes(textOf(rightValue, caseSensitive));
        break;
      case 'starts_with':
        holds = textOf(left, caseSensitive).startsWith(textOf(rightValue, caseSensitive));
        break;
      case 'ends_with':
        holds = textOf(left, caseSensitive).endsWith(textOf(rightValue, caseSensitive));
        break;
      case 'greater_than':
      case 'less_than':
      case 'greater_or_equal':
      case 'less_or_equal': {
        const difference = compareValues(left, rightValue);
        if (difference === undefined) {
          const explanation = `${subject} cannot be compared with ${rightLabel} (they are not both numbers or both dates)`;
          return { passed: false, explanation };
        }
        holds = ORDERINGS[test](difference);
        break;
      }
      case 'matches_regex': {
        const regex = staticRegex ?? regexFor(String(rightValue ?? ''), caseSensitive);
        if (typeof regex === 'string') {
          return { passed: false, explanation: `${subject} cannot be matched: ${regex}` };
        }
        rightLabel = `${right.dynamic ? `${rightLabel} ` : ''}${String(regex)}`;
        holds = regex.test(textOf(left, true));
        break;
      }
      case 'is_empty':
        holds = isEmpty(left);
        break;
      case 'is_true':
        holds = readBoolean(left) === true;
        break;
      case 'is_false':
        holds = readBoolean(left) === false;
        break;
      case 'exists':
        holds = left !== undefined;
        break;
    }
    const phrase = PHRASES[test][holds ? 0 : 1];
    const tail = UNARY_OPERATORS.has(rule.operator) ? '' : ` ${rightLabel}`;
    return { passed: negated ? !holds : holds, explanation: `${subject} ${phrase}${tail}` };
  };
}

function compileOperand(text: string): (scope: Scope) => unknown {
  if (text.includes('{{')) return compileTemplate(text);
  const path = parsePath(text);
  return (scope) => resolvePath(scope, path);
}

interface CompiledRight {
  dynamic: boolean;
  read(scope: Scope): unknown;
  label(value: unknown): string;
}

function compileRight(right: Rule['right']): CompiledRight {
  if (typeof right === 'string' && right.includes('{{')) {
    const read = compileTemplate(right);
    return { dynamic: true, read, label: (value) => `${right} (${describeValue(value)})` };
  }
  return { dynamic: false, read: () => right, label: (value) => describeValue(value) };
}

/** The rule's pattern, ignoring case unless the rule is case-sensitive; or why it is invalid. */
function regexFor(pattern: string, caseSensitive: boolean): RegExp | string {
  try {
    return new RegExp(pattern, caseSensitive ? '' : 'i');
  } catch (error) {
    return `${JSON.stringify(pattern)} is not a valid regular expression (${(error as Error).message})`;
  }
}
