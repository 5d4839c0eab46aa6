import { describe, expect, it } from 'vitest';
import { compileCondition, Condition, type ConditionInput } from './conditions';

type RuleInput = ConditionInput['rules'][number];

const scope = {
  trigger: {
    email: 'bob@x.io',
    name: 'Bob Smith',
    age: 17,
    ageText: '42',
    zip: '007',
    vip: 'yes',
    tags: ['lead', 'VIP'],
    note: '   ',
    signedUp: '2026-01-15T09:30:00Z',
    nothing: null,
  },
  lookup: { domain: 'x.io', limit: '18' },
};

const evaluate = (rules: RuleInput[], combinator: 'all' | 'any' = 'all') =>
  compileCondition(Condition.parse({ combinator, rules })).evaluate(scope);
const one = (rule: RuleInput) => evaluate([rule]);

describe('rules', () => {
  it('explain a failed test in a sentence naming the value', () => {
    expect(one({ left: 'trigger.email', operator: 'contains', right: '@acme.com' })).toEqual({
      passed: false,
      explanation: 'trigger.email ("bob@x.io") does not contain "@acme.com"',
    });
  });

  it.each([
    [
      { left: 'trigger.email', operator: 'equals', right: 'BOB@X.IO' },
      true,
      'trigger.email ("bob@x.io") equals "BOB@X.IO"',
    ],
    [
      { left: 'trigger.email', operator: 'equals', right: 'BOB@X.IO', caseSensitive: true },
      false,
      'trigger.email ("bob@x.io") does not equal "BOB@X.IO"',
    ],
    [
      { left: 'trigger.email', operator: 'not_equals', right: 'al@x.io' },
      true,
      'trigger.email ("bob@x.io") does not equal "al@x.io"',
    ],
    [
      { left: 'trigger.name', operator: 'starts_with', right: 'bob' },
      true,
      'trigger.name ("Bob Smith") starts with "bob"',
    ],
    [
      { left: 'trigger.name', operator: 'ends_with', right: 'Jones' },
      false,
      'trigger.name ("Bob Smith") does not end with "Jones"',
    ],
    [
      { left: 'trigger.name', operator: 'not_contains', right: 'smith' },
      false,
      'trigger.name ("Bob Smith") contains "smith"',
    ],
    [
      { left: 'trigger.tags', operator: 'contains', right: 'vip' },
      true,
      'trigger.tags (a list (2 items)) contains "vip"',
    ],
    [{ left: 'trigger.note', operator: 'is_empty' }, true, 'trigger.note ("   ") is empty'],
    [
      { left: 'trigger.tags', operator: 'is_not_empty' },
      true,
      'trigger.tags (a list (2 items)) is not empty',
    ],
    [{ left: 'trigger.vip', operator: 'is_true' }, true, 'trigger.vip ("yes") is true'],
    [{ left: 'trigger.vip', operator: 'is_false' }, false, 'trigger.vip ("yes") is not false'],
    [{ left: 'trigger.nothing', operator: 'exists' }, true, 'trigger.nothing (null) exists'],
    [{ left: 'trigger.fax', operator: 'exists' }, false, 'trigger.fax does not exist'],
    [{ left: 'trigger.fax', operator: 'not_exists' }, true, 'trigger.fax does not exist'],
    [
      { left: 'trigger.email', operator: 'matches_regex', right: '^BOB@' },
      true,
      'trigger.email ("bob@x.io") matches /^BOB@/i',
    ],
    [
      { left: 'trigger.email', operator: 'matches_regex', right: '^BOB@', caseSensitive: true },
      false,
      'trigger.email ("bob@x.io") does not match /^BOB@/',
    ],
  ] satisfies [RuleInput, boolean, string][])('%j → %s: %s', (rule, passed, explanation) => {
    expect(one(rule)).toEqual({ passed, explanation });
  });

  it('compare numbers, reading numeric text as numbers', () => {
    expect(one({ left: 'trigger.age', operator: 'greater_or_equal', right: 18 })).toEqual({
      passed: false,
      explanation: 'trigger.age (17) is less than 18',
    });
    expect(one({ left: 'trigger.ageText', operator: 'greater_than', right: '9' })).toEqual({
      passed: true,
      explanation: 'trigger.ageText ("42") is greater than "9"',
    });
    expect(one({ left: 'trigger.age', operator: 'less_or_equal', right: '17' }).passed).toBe(true);
    expect(one({ left: 'trigger.age', operator: 'less_than', right: 17 }).passed).toBe(false);
  });

  it('compare ISO dates as instants', () => {
    expect(
      one({
        left: 'trigger.signedUp',
        operator: 'greater_than',
        right: '2026-01-15T10:00:00+01:00',
      }),
    ).toEqual({
      passed: true,
      explanation:
        'trigger.signedUp ("2026-01-15T09:30:00Z") is greater than "2026-01-15T10:00:00+01:00"',
    });
    expect(
      one({ left: 'trigger.signedUp', operator: 'less_than', right: '2026-02-01' }).passed,
    ).toBe(true);
    expect(
      one({ left: 'trigger.signedUp', operator: 'equals', right: '2026-01-15T10:30:00.000+01:00' })
        .passed,
    ).toBe(true);
  });

  it('do not pass an ordering when the sides are not both numbers or both dates', () => {
    expect(one({ left: 'trigger.name', operator: 'greater_than', right: 5 })).toEqual({
      passed: false,
      explanation:
        'trigger.name ("Bob Smith") cannot be compared with 5 (they are not both numbers or both dates)',
    });
  });

  it('compare as numbers only when one side is a number, so "007" does not equal "7"', () => {
    expect(one({ left: 'trigger.zip', operator: 'equals', right: '7' }).passed).toBe(false);
    expect(one({ left: 'trigger.zip', operator: 'equals', right: 7 }).passed).toBe(true);
  });

  it('compare yes/no values with booleans', () => {
    expect(one({ left: 'trigger.vip', operator: 'equals', right: true }).passed).toBe(true);
  });

  it('read the right side from a template and show both', () => {
    expect(
      one({ left: 'trigger.email', operator: 'ends_with', right: '@{{lookup.domain}}' }),
    ).toEqual({
      passed: true,
      explanation: 'trigger.email ("bob@x.io") ends with @{{lookup.domain}} ("@x.io")',
    });
    expect(one({ left: 'trigger.age', operator: 'less_than', right: '{{lookup.limit}}' })).toEqual({
      passed: true,
      explanation: 'trigger.age (17) is less than {{lookup.limit}} ("18")',
    });
  });

  it('read the left side from a template', () => {
    expect(
      one({
        left: '{{trigger.name}} <{{trigger.email}}>',
        operator: 'contains',
        right: 'Bob Smith <',
      }),
    ).toEqual({
      passed: true,
      explanation:
        '{{trigger.name}} <{{trigger.email}}> ("Bob Smith <bob@x.io>") contains "Bob Smith <"',
    });
  });

  it('say when a value is missing', () => {
    expect(one({ left: 'trigger.fax', operator: 'equals', right: '1' })).toEqual({
      passed: false,
      explanation: 'trigger.fax (no value) does not equal "1"',
    });
  });

  it('do not pass when a pattern from a template is not a regular expression', () => {
    expect(
      one({ left: 'trigger.email', operator: 'matches_regex', right: '{{trigger.note}}(' }),
    ).toEqual({
      passed: false,
      explanation: expect.stringMatching(
        /^trigger\.email \("bob@x\.io"\) cannot be matched: " {3}\(" is not a valid regular expression/,
      ),
    });
  });
});

describe('combinators', () => {
  const failing = { left: 'trigger.email', operator: 'contains', right: '@acme.com' } as const;
  const passing = { left: 'trigger.age', operator: 'less_than', right: 18 } as const;
  const alsoFailing = { left: 'trigger.vip', operator: 'is_false' } as const;

  it('all: passes only when every rule passes, naming the rules that failed', () => {
    expect(evaluate([failing, passing, alsoFailing], 'all')).toEqual({
      passed: false,
      explanation:
        'trigger.email ("bob@x.io") does not contain "@acme.com" and trigger.vip ("yes") is not false',
    });
    expect(evaluate([passing], 'all')).toEqual({
      passed: true,
      explanation: 'trigger.age (17) is less than 18',
    });
  });

  it('any: passes when one rule passes, naming the rules that passed', () => {
    expect(evaluate([failing, passing], 'any')).toEqual({
      passed: true,
      explanation: 'trigger.age (17) is less than 18',
    });
    expect(evaluate([failing, alsoFailing], 'any')).toEqual({
      passed: false,
      explanation:
        'trigger.email ("bob@x.io") does not contain "@acme.com" and trigger.vip ("yes") is not false',
    });
  });
});

describe('the Condition schema', () => {
  const issues = (input: unknown) =>
    Condition.safeParse(input).error?.issues.map((i) => ({ path: i.path, message: i.message }));

  it('names the rule whose operator needs a value it does not have', () => {
    expect(
      issues({
        combinator: 'all',
        rules: [
          { left: 'trigger.email', operator: 'exists' },
          { left: 'trigger.email', operator: 'contains' },
        ],
      }),
    ).toEqual([
      { path: ['rules', 1, 'right'], message: 'rule 2: "contains" needs a value to compare with' },
    ]);
  });

  it('rejects bad paths, templates and patterns', () => {
    expect(
      issues({
        combinator: 'any',
        rules: [
          { left: 'trigger..email', operator: 'exists' },
          { left: 'trigger.email', operator: 'equals', right: '{{lookup.x' },
          { left: 'trigger.email', operator: 'matches_regex', right: '(' },
        ],
      }),
    ).toEqual([
      {
        path: ['rules', 0, 'left'],
        message: 'Invalid path "trigger..email": expected a name at position 8',
      },
      {
        path: ['rules', 1, 'right'],
        message: 'rule 2: Invalid template: "{{" at position 0 is never closed',
      },
      {
        path: ['rules', 2, 'right'],
        message: expect.stringMatching(/^rule 3: "\(" is not a valid regular expression/),
      },
    ]);
  });

  it('requires between 1 and 50 rules', () => {
    const rule = { left: 'trigger.x', operator: 'exists' };
    expect(issues({ combinator: 'all', rules: [] })).toEqual([
      { path: ['rules'], message: 'add at least one rule' },
    ]);
    expect(Condition.safeParse({ combinator: 'all', rules: Array(51).fill(rule) }).success).toBe(
      false,
    );
    expect(Condition.safeParse({ combinator: 'all', rules: Array(50).fill(rule) }).success).toBe(
      true,
    );
  });
});
