import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Mapping, compileMapping } from '../../shared/workflow/mapping';
import { compileExpression } from '../../shared/workflow/mapping/expressions';
import { nestedRepetition } from '../../shared/workflow/mapping/regex-safety';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prototypeSnapshot } from './runs';

const runs = fuzzRuns();
const LIMITS = { timeoutMs: 15, maxDepth: 40 };
/** How far past its time limit one evaluation may run: one step of JSONata over 100,000 items. */
const OVERSHOOT_MS = 1500;
const pristine = prototypeSnapshot();

const dangerousName = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted');
const name = fc.oneof(dangerousName, fc.constantFrom('a', 'b', 'items', 'email', 'n'));
const scalar = fc.oneof(
  fc.integer({ min: -5, max: 100_000 }).map(String),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('true', 'null', '$now()', '$random()'),
);

/** Random JSONata built from paths, operators, objects, lambdas and the heavier built-ins. */
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    name.map((n) => `trigger.${n === 'a' ? 'a' : `\`${n}\``}`),
    fc
      .tuple(tie('e'), fc.constantFrom('+', '&', '=', '>', 'and', 'or', 'in'), tie('e'))
      .map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(name, tie('e')).map(([n, v]) => `{"${n}": ${v}}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `[${a}, ${b}]`),
    fc
      .oneof(
        { arbitrary: fc.integer({ min: 0, max: 100 }), weight: 30 },
        { arbitrary: fc.integer({ min: 0, max: 200_000 }), weight: 1 },
      )
      .map((n) => `[1..${n}]`),
    fc
      .tuple(
        fc.constantFrom(
          '$sort',
          '$distinct',
          '$reverse',
          '$count',
          '$string',
          '$keys',
          '$merge',
          '$spread',
          '$each',
          '$sift',
          '$lookup',
          '$shuffle',
          '$zip',
          '$append',
        ),
        tie('e'),
      )
      .map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('e'), name, tie('e')).map(([t, n, v]) => `(${t} ~> |$|{"${n}": ${v}}|)`),
    tie('e').map((body) => `$map([1..50], function($v){ ${body} })`),
    fc.constant('($f := function($n){ $n > 0 ? $f($n - 1) : 0 }; $f(100000))'),
    fc.constant('($loop := function($n){ $loop($n + 1) }; $loop(0))'),
    fc.constant('$sort(trigger.items, function($a, $b){ $a > $b })'),
    fc.constant('trigger.items^($)'),
    fc.constant('$contains(trigger.text, /(a+)+!/)'),
  ),
})).e;

/** Scopes as they arrive from outside: JSON text, so `__proto__` is an own key. */
const scope = fc
  .tuple(
    fc.dictionary(name, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 50 }), weight: 30 },
      { arbitrary: fc.constant(100_000), weight: 1 },
    ),
  )
  .map(([fields, size]) => ({
    trigger: JSON.parse(
      JSON.stringify({
        ...fields,
        items: Array.from({ length: size }, (_, i) => (i * 7919) % size),
        text: 'a'.repeat(40),
      }),
    ) as Record<string, unknown>,
  }));

const params = { numRuns: runs, seed: fuzzSeed() };

describe('JSONata expressions under random input', () => {
  it(
    'never crash, never pollute a prototype, and stop within their time and depth limits',
    async () => {
      await fc.assert(
        fc.asyncProperty(expression, scope, async (text, input) => {
          const compiled = compileExpression(text, LIMITS);
          if (!compiled.ok) {
            expect(compiled.message).toMatch(/^expression: /);
            return;
          }
          const started = performance.now();
          const outcome = await compiled.evaluate(input);
          const took = performance.now() - started;
          expect(took, `${text} ran ${Math.round(took)} ms`).toBeLessThan(
            LIMITS.timeoutMs + OVERSHOOT_MS,
          );
          if (!outcome.ok) expect(outcome.message).toMatch(/^expression: \S/);
          else expect(() => JSON.stringify(outcome.value)).not.toThrow();
          expect(prototypeSnapshot()).toBe(pristine);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        params,
      );
    },
    fuzzTimeout(runs, 40),
  );

  it.each([
    ['an unbounded tail recursion', '($loop := function($n){ $loop($n + 1) }; $loop(0))'],
    ['a deep recursion', '($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000000))'],
    ['a range of ten million', '$count([1..10000000])'],
    ['sorting a huge range', '$count($sort([1..10000000]))'],
    ['a nested-quantifier regex', '$contains(trigger.text, /(a+)+!/)'],
    ['a range of ranges', '$count([1..100000].[1..100000])'],
  ])('stops %s with a message', async (_what, text) => {
    const compiled = compileExpression(text, LIMITS);
    const started = performance.now();
    const outcome = compiled.ok
      ? await compiled.evaluate({ trigger: { text: 'a'.repeat(40) } })
      : compiled;
    expect(performance.now() - started).toBeLessThan(LIMITS.timeoutMs + OVERSHOOT_MS);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/stopped|refused|practically forever/);
  });

  it('gives a plain array for a result whose own constructor a transform set (found at 100,000 cases)', async () => {
    const compiled = compileExpression('($zip(true) ~> |$|{"constructor": true}|)', LIMITS);
    expect(compiled.ok).toBe(true);
    const outcome = compiled.ok ? await compiled.evaluate({ trigger: {} }) : compiled;
    expect(outcome).toEqual({ ok: true, value: [[true]] });
    expect(prototypeSnapshot()).toBe(pristine);
  });

  it('sorts and de-duplicates 100,000 input items within the time limit, as JSONata would', async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 50_000);
    const compiled = compileExpression(
      '[$count($distinct(trigger.items)), $sort(trigger.items)[0], $sort(trigger.items)[-1]]',
      {
        timeoutMs: 1000,
        maxDepth: 40,
      },
    );
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const started = performance.now();
    expect(await compiled.evaluate({ trigger: { items } })).toEqual({
      ok: true,
      value: [50_000, 0, 49_999],
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps $sort stable with a comparator and $distinct deep', async () => {
    const run = async (text: string, scopeValue: Record<string, unknown>) => {
      const compiled = compileExpression(text, { timeoutMs: 1000, maxDepth: 100 });
      return compiled.ok ? compiled.evaluate(scopeValue) : compiled;
    };
    const people = [
      { n: 'a', age: 3 },
      { n: 'b', age: 1 },
      { n: 'c', age: 3 },
      { n: 'd', age: 1 },
    ];
    expect(await run('$sort(p, function($l, $r){ $l.age > $r.age }).n', { p: people })).toEqual({
      ok: true,
      value: ['b', 'd', 'a', 'c'],
    });
    expect(
      await run('$distinct(p)', { p: [{ a: 1, b: 2 }, { b: 2, a: 1 }, [1], [1], 1, '1'] }),
    ).toEqual({ ok: true, value: [{ a: 1, b: 2 }, [1], 1, '1'] });
    expect(await run('$sort(p)', { p: [1, 'a'] })).toMatchObject({ ok: false });
  });
});

/** Regex sources from atoms, groups and quantifiers (no alternation). */
const regexSource: fc.Arbitrary<string> = fc.letrec<{ r: string }>((tie) => ({
  r: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('a', '\\w', '[a-z]', '.', 'a?'),
    fc.tuple(tie('r'), tie('r')).map(([x, y]) => x + y),
    fc
      .tuple(tie('r'), fc.constantFrom('*', '+', '?', '{2,}', '{1,3}', '*?'))
      .map(([x, q]) => `(${x})${q}`),
  ),
})).r;

describe('regular expressions in mappings and expressions', () => {
  it('lets through only patterns that answer an adversarial input quickly', () => {
    fc.assert(
      fc.property(regexSource, (source) => {
        if (nestedRepetition(source) !== undefined) return;
        expect(() => new RegExp(source)).not.toThrow();
        const started = performance.now();
        new RegExp(`^(?:${source})$`).test('a'.repeat(26) + '!');
        expect(performance.now() - started, `/${source}/`).toBeLessThan(200);
      }),
      { ...params, numRuns: Math.min(runs, 20_000) },
    );
  }, 120_000);

  it.each(['(a+)+', '(\\w*)*x', '((ab)+c?)+', '(a{2,})+', '(?:[a-z]+\\d?)*$'])(
    'refuses %s as a replace pattern and in an expression',
    (pattern) => {
      const parsed = Mapping.safeParse({
        fields: [
          {
            target: 'x',
            source: { kind: 'path', path: 'trigger.x' },
            transforms: [{ op: 'replace', pattern, with: '' }],
          },
        ],
      });
      expect(parsed.success).toBe(false);
      expect(JSON.stringify(parsed.error?.issues)).toContain('practically forever');
      const compiled = compileExpression(`$replace(trigger.x, /${pattern}/, "")`, LIMITS);
      expect(compiled).toMatchObject({ ok: false, message: expect.stringContaining('forever') });
    },
  );
});

const segment = fc.oneof(
  dangerousName,
  fc.constantFrom('a', 'b', 'hasOwnProperty', 'toString', 'valueOf'),
);
const targetPath = fc
  .array(
    fc.oneof(
      segment.map((s) => `["${s}"]`),
      segment.map((s) => `.${s}`),
    ),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((parts) => parts.join('').replace(/^\./, ''));

describe('mappings under random targets and sources', () => {
  it(
    'refuse __proto__, constructor and prototype targets and never write a prototype',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              target: targetPath,
              source: fc.oneof(
                fc.record({
                  kind: fc.constant('path'),
                  path: targetPath.map((p) => `trigger.${p}`),
                }),
                fc.record({ kind: fc.constant('literal'), value: fc.jsonValue({ maxDepth: 2 }) }),
                fc.record({
                  kind: fc.constant('expression'),
                  expression: fc.constantFrom(
                    '{"__proto__": {"polluted": 1}}',
                    'trigger',
                    '$merge([trigger, {"constructor": 1}])',
                  ),
                }),
              ),
            }),
            { minLength: 1, maxLength: 4 },
          ),
          scope,
          async (fields, input) => {
            const parsed = Mapping.safeParse({ fields });
            const unsafe = fields.some((f) =>
              /(^|\.|\[")(__proto__|constructor|prototype)("\]|\.|$)/.test(f.target),
            );
            if (unsafe) expect(parsed.success, JSON.stringify(fields)).toBe(false);
            if (!parsed.success) {
              for (const issue of parsed.error.issues)
                expect(issue.message.length).toBeGreaterThan(0);
              return;
            }
            const result = await compileMapping(parsed.data, {
              expressionTimeoutMs: 50,
            }).evaluate(input);
            expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
            expect(prototypeSnapshot()).toBe(pristine);
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
            for (const problem of result.problems)
              expect(problem.message.length).toBeGreaterThan(0);
          },
        ),
        params,
      );
    },
    fuzzTimeout(runs, 40),
  );
});
