import { describe, expect, it } from 'vitest';
import { compileMapping, evaluateMapping, Mapping, type MappingInput } from './mapping';

const path = (p: string) => ({ kind: 'path', path: p }) as const;
const run = (fields: MappingInput['fields'], scope: Record<string, unknown>, options = {}) =>
  evaluateMapping(Mapping.parse({ fields }), scope, options);

const scope = {
  trigger: {
    email: '  Bob@Example.com ',
    name: 'bob smith',
    phone: '(415) 555-2671',
    signedUp: '2026-01-15T09:30:00Z',
    amount: '1,234.50',
    items: [
      { id: 'A1', price: 3 },
      { id: 'B2', price: 4 },
    ],
    blank: '   ',
  },
  lookup: { company: { name: 'Acme' } },
};

describe('evaluating a mapping', () => {
  it('reads sources, applies transforms in order and writes each target', async () => {
    const result = await run(
      [
        {
          target: 'email',
          source: path('trigger.email'),
          transforms: [{ op: 'trim' }, { op: 'lowercase' }],
        },
        { target: 'name', source: path('trigger.name'), transforms: [{ op: 'title_case' }] },
        { target: 'phone', source: path('trigger.phone'), transforms: [{ op: 'phone_e164' }] },
        { target: 'amount', source: path('trigger.amount'), transforms: [{ op: 'number' }] },
        { target: 'firstItem', source: path('trigger.items[0].id') },
        { target: 'source', source: { kind: 'literal', value: 'webinar' } },
      ],
      scope,
    );
    expect(result).toEqual({
      value: {
        email: 'bob@example.com',
        name: 'Bob Smith',
        phone: '+14155552671',
        amount: 1234.5,
        firstItem: 'A1',
        source: 'webinar',
      },
      problems: [],
    });
  });

  it('writes nested targets, creating objects and lists', async () => {
    const result = await run(
      [
        { target: 'contact.email', source: path('trigger.email'), transforms: [{ op: 'trim' }] },
        { target: 'contact.company.name', source: path('lookup.company.name') },
        { target: 'lines[0].sku', source: path('trigger.items[1].id') },
        { target: '["First Name"]', source: { kind: 'literal', value: 'Bob' } },
      ],
      scope,
    );
    expect(result.value).toEqual({
      contact: { email: 'Bob@Example.com', company: { name: 'Acme' } },
      lines: [{ sku: 'B2' }],
      'First Name': 'Bob',
    });
  });

  it('renders templates as text, or as the raw value when the template is one reference', async () => {
    const result = await run(
      [
        {
          target: 'greeting',
          source: {
            kind: 'template',
            template: 'Hi {{trigger.name}} from {{lookup.company.name}}',
          },
        },
        { target: 'items', source: { kind: 'template', template: '{{trigger.items}}' } },
      ],
      scope,
    );
    expect(result.value).toEqual({
      greeting: 'Hi bob smith from Acme',
      items: scope.trigger.items,
    });
  });

  it('evaluates JSONata expressions against the scope', async () => {
    const result = await run(
      [
        {
          target: 'total',
          source: { kind: 'expression', expression: '$sum(trigger.items.price)' },
        },
        { target: 'ids', source: { kind: 'expression', expression: 'trigger.items.id' } },
      ],
      scope,
    );
    expect(result).toEqual({ value: { total: 7, ids: ['A1', 'B2'] }, problems: [] });
  });
});

describe('missing values', () => {
  it('omits an optional field with no value', async () => {
    const result = await run([{ target: 'fax', source: path('trigger.fax') }], scope);
    expect(result).toEqual({ value: {}, problems: [] });
  });

  it('uses the default, as is, when there is no value after the transforms', async () => {
    const result = await run(
      [
        { target: 'fax', source: path('trigger.fax'), default: 'none', required: true },
        {
          target: 'note',
          source: path('trigger.blank'),
          transforms: [{ op: 'trim' }],
          default: { empty: true },
        },
      ],
      scope,
    );
    expect(result).toEqual({ value: { fax: 'none', note: { empty: true } }, problems: [] });
  });

  it('reports a required field with no value, naming its source', async () => {
    const result = await run(
      [
        { target: 'fax', source: path('trigger.fax'), required: true },
        {
          target: 'note',
          source: path('trigger.blank'),
          transforms: [{ op: 'trim' }],
          required: true,
        },
      ],
      scope,
    );
    expect(result.problems).toEqual([
      { field: 'fax', code: 'missing_required', message: 'required, but trigger.fax has no value' },
      {
        field: 'note',
        code: 'missing_required',
        message: 'required, but trigger.blank has no value',
      },
    ]);
  });
});

describe('problems', () => {
  it('reports a failed validation and leaves the field out', async () => {
    const result = await run(
      [{ target: 'email', source: path('trigger.name'), validation: { kind: 'email' } }],
      scope,
    );
    expect(result).toEqual({
      value: {},
      problems: [
        {
          field: 'email',
          code: 'validation_failed',
          message: '"bob smith" is not an e-mail address',
        },
      ],
    });
  });

  it('reports a type mismatch when a transform receives the wrong kind of value', async () => {
    const result = await run(
      [{ target: 'items', source: path('trigger.items'), transforms: [{ op: 'uppercase' }] }],
      scope,
    );
    expect(result.problems).toEqual([
      {
        field: 'items',
        code: 'type_mismatch',
        message: 'uppercase: expected text, received a list (2 items)',
      },
    ]);
  });

  it('reports a failed transform, naming what it received', async () => {
    const result = await run(
      [{ target: 'phone', source: path('trigger.name'), transforms: [{ op: 'phone_e164' }] }],
      scope,
    );
    expect(result.problems).toEqual([
      {
        field: 'phone',
        code: 'transform_failed',
        message: 'phone_e164: "bob smith" is not a phone number for US',
      },
    ]);
  });

  it('keeps mapping the other fields after a problem', async () => {
    const result = await run(
      [
        { target: 'a', source: path('trigger.missing'), required: true },
        { target: 'b', source: path('trigger.name'), transforms: [{ op: 'number' }] },
        { target: 'c', source: path('lookup.company.name') },
      ],
      scope,
    );
    expect(result.value).toEqual({ c: 'Acme' });
    expect(result.problems.map((p) => [p.field, p.code])).toEqual([
      ['a', 'missing_required'],
      ['b', 'transform_failed'],
    ]);
  });

  it('stops an expression that loops forever after the time limit', async () => {
    const started = Date.now();
    const result = await run(
      [
        {
          target: 'loop',
          source: { kind: 'expression', expression: '($f := function($x){$f($x)}; $f(1))' },
        },
        { target: 'name', source: path('trigger.name') },
      ],
      scope,
      { expressionTimeoutMs: 50 },
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toEqual({
      value: { name: 'bob smith' },
      problems: [
        {
          field: 'loop',
          code: 'expression_failed',
          message: 'expression: stopped after 50 ms (is there an infinite loop?)',
        },
      ],
    });
  });

  it('stops an expression that recurses too deeply', async () => {
    const deep = '($f := function($x){ $x = 0 ? 0 : 1 + $f($x - 1) }; $f(1000))';
    const result = await run(
      [{ target: 'deep', source: { kind: 'expression', expression: deep } }],
      scope,
      {
        expressionMaxDepth: 50,
      },
    );
    expect(result.problems).toEqual([
      {
        field: 'deep',
        code: 'expression_failed',
        message: 'expression: stopped at nesting depth 50 (is there a runaway recursion?)',
      },
    ]);
  });

  it('reports an expression that does not parse on each evaluation, with the position', async () => {
    const mapping = compileMapping({
      fields: [
        {
          target: 'x',
          source: { kind: 'expression', expression: 'trigger.email & (' },
          transforms: [],
        },
      ],
    });
    const problem = {
      field: 'x',
      code: 'expression_failed',
      message: 'expression: syntax error at position 17: Expected ")" before end of expression',
    };
    expect((await mapping.evaluate(scope)).problems).toEqual([problem]);
    expect((await mapping.evaluate(scope)).problems).toEqual([problem]);
  });

  it('reports an expression that fails while running, with the position', async () => {
    const result = await run(
      [{ target: 'x', source: { kind: 'expression', expression: '$nope(1)' } }],
      scope,
    );
    expect(result.problems).toEqual([
      {
        field: 'x',
        code: 'expression_failed',
        message: 'expression: Attempted to invoke a non-function (at position 6)',
      },
    ]);
  });
});

describe('compiled mappings', () => {
  it('evaluate synchronously when there is no expression', () => {
    const mapping = compileMapping(
      Mapping.parse({ fields: [{ target: 'name', source: path('trigger.name') }] }),
    );
    expect(mapping.hasExpressions).toBe(false);
    expect(mapping.evaluateSync(scope)).toEqual({ value: { name: 'bob smith' }, problems: [] });
  });

  it('refuse to evaluate synchronously when there is an expression', () => {
    const mapping = compileMapping(
      Mapping.parse({ fields: [{ target: 'n', source: { kind: 'expression', expression: '1' } }] }),
    );
    expect(() => mapping.evaluateSync(scope)).toThrow('use evaluate(), which is asynchronous');
  });

  it('give independent results for each scope', async () => {
    const mapping = compileMapping(
      Mapping.parse({ fields: [{ target: 'id', source: path('trigger.id') }] }),
    );
    const [a, b] = await Promise.all([
      mapping.evaluate({ trigger: { id: 1 } }),
      mapping.evaluate({ trigger: { id: 2 } }),
    ]);
    expect([a.value, b.value]).toEqual([{ id: 1 }, { id: 2 }]);
  });
});

describe('the Mapping schema', () => {
  const issues = (input: unknown) =>
    Mapping.safeParse(input).error?.issues.map((i) => ({ path: i.path, message: i.message }));

  it('rejects two fields with the same target', () => {
    expect(
      issues({
        fields: [
          { target: 'email', source: path('trigger.a') },
          { target: 'email', source: path('trigger.b') },
        ],
      }),
    ).toEqual([
      { path: ['fields', 1, 'target'], message: '"email" is already the target of field 1' },
    ]);
  });

  it('rejects a target written inside another field’s target', () => {
    expect(
      issues({
        fields: [
          { target: 'contact', source: path('trigger.a') },
          { target: 'contact.email', source: path('trigger.b') },
        ],
      }),
    ).toEqual([
      {
        path: ['fields', 1, 'target'],
        message: 'field 1 writes "contact", so nothing can be written inside it',
      },
    ]);
  });

  it('rejects more than 500 fields', () => {
    const fields = Array.from({ length: 501 }, (_, i) => ({
      target: `f${i}`,
      source: path('trigger.a'),
    }));
    expect(Mapping.safeParse({ fields }).success).toBe(false);
    expect(Mapping.safeParse({ fields: fields.slice(0, 500) }).success).toBe(true);
  });

  it('rejects bad paths, templates and expressions, saying where', () => {
    expect(
      issues({
        fields: [
          { target: 'a', source: path('trigger..x') },
          { target: 'b', source: { kind: 'template', template: 'Hi {{trigger.name' } },
          { target: 'c', source: { kind: 'expression', expression: 'trigger.email & (' } },
        ],
      }),
    ).toEqual([
      {
        path: ['fields', 0, 'source', 'path'],
        message: 'Invalid path "trigger..x": expected a name at position 8',
      },
      {
        path: ['fields', 1, 'source', 'template'],
        message: 'Invalid template: "{{" at position 3 is never closed',
      },
      {
        path: ['fields', 2, 'source', 'expression'],
        message: 'expression: syntax error at position 17: Expected ")" before end of expression',
      },
    ]);
  });

  it('fills in an empty transform list', () => {
    expect(
      Mapping.parse({ fields: [{ target: 'a', source: path('trigger.a') }] }).fields[0]?.transforms,
    ).toEqual([]);
  });
});
