import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMapping, Mapping, type MappingInput } from './mapping';
import { reverseMapping } from './reverse';
import { applyTransform, Transform, type TransformInput } from './transforms';

const path = (p: string) => ({ kind: 'path', path: p }) as const;
const parse = (fields: MappingInput['fields']) => Mapping.parse({ fields });

/** Maps `value` at trigger.source forward, then the output back, and returns what came back. */
function roundTrip(transforms: TransformInput[], value: unknown): unknown {
  const forward = parse([{ target: 'out', source: path('trigger.source'), transforms }]);
  const { mapping: backward, flagged } = reverseMapping(forward);
  expect(flagged).toEqual([]);
  const there = compileMapping(forward).evaluateSync({ trigger: { source: value } });
  expect(there.problems).toEqual([]);
  const back = compileMapping(backward).evaluateSync({ trigger: there.value });
  expect(back.problems).toEqual([]);
  return back.value.source;
}

describe('reverseMapping', () => {
  it('maps each output field back to its source path', () => {
    const forward = parse([
      { target: 'email', source: path('trigger.contact.email') },
      { target: 'company.name', source: path('trigger["Company Name"]'), required: true },
    ]);
    expect(reverseMapping(forward)).toEqual({
      mapping: {
        fields: [
          { target: 'contact.email', source: path('trigger.email'), transforms: [] },
          {
            target: '["Company Name"]',
            source: path('trigger.company.name'),
            transforms: [],
            required: true,
          },
        ],
      },
      flagged: [],
    });
  });

  it('reads from the node given as the source of the reverse run', () => {
    const forward = parse([{ target: 'email', source: path('trigger.mail') }]);
    const { mapping } = reverseMapping(forward, { sourceNodeId: 'crm' });
    expect(mapping.fields[0]?.source).toEqual(path('crm.email'));
  });

  it('inverts invertible transforms in reverse order', () => {
    const forward = parse([
      {
        target: 'out',
        source: path('trigger.in'),
        transforms: [
          { op: 'split', separator: ',' },
          { op: 'join', separator: ';' },
        ],
      },
      {
        target: 'when',
        source: path('trigger.date'),
        transforms: [
          { op: 'date', from: 'MM/dd/yyyy', to: 'yyyy-MM-dd', zone: 'America/New_York' },
        ],
      },
      {
        target: 'amount',
        source: path('trigger.amount'),
        transforms: [{ op: 'number', decimalSeparator: ',' }],
      },
      { target: 'active', source: path('trigger.active'), transforms: [{ op: 'boolean' }] },
    ]);
    expect(reverseMapping(forward).mapping.fields.map((f) => f.transforms)).toEqual([
      [
        { op: 'split', separator: ';' },
        { op: 'join', separator: ',' },
      ],
      [{ op: 'date', from: 'yyyy-MM-dd', to: 'MM/dd/yyyy', zone: 'America/New_York' }],
      [{ op: 'to_text', decimalSeparator: ',' }],
      [{ op: 'to_text', decimalSeparator: '.' }],
    ]);
  });

  it('flags lossy transforms with a reason and leaves them out', () => {
    const forward = parse([
      {
        target: 'tags',
        source: path('trigger.tags'),
        transforms: [{ op: 'trim' }, { op: 'lowercase' }, { op: 'split', separator: ',' }],
      },
    ]);
    const { mapping, flagged } = reverseMapping(forward);
    expect(mapping.fields[0]?.transforms).toEqual([{ op: 'join', separator: ',' }]);
    expect(flagged).toEqual([
      {
        field: 'tags',
        transform: 'lowercase',
        reason: 'the original capitalisation cannot be restored',
      },
      {
        field: 'tags',
        transform: 'trim',
        reason: 'the removed leading and trailing spaces cannot be restored',
      },
    ]);
  });

  it.each([
    [{ op: 'uppercase' }, 'the original capitalisation cannot be restored'],
    [{ op: 'title_case' }, 'the original capitalisation cannot be restored'],
    [{ op: 'remove_spaces' }, 'the removed spaces cannot be restored'],
    [{ op: 'phone_e164' }, 'the way the number was originally written cannot be restored'],
    [{ op: 'replace', pattern: '-' }, 'the replaced text cannot be restored'],
    [{ op: 'truncate', length: 3 }, 'the cut-off text cannot be restored'],
    [{ op: 'join', separator: '' }, 'items joined without a separator cannot be told apart again'],
    [
      { op: 'date', to: 'iso' },
      "the input format is 'auto', so the format to write back is unknown; choose an input format",
    ],
    [
      { op: 'date', from: 'yyyy-MM-dd HH:mm', to: 'yyyy-MM-dd' },
      '"yyyy-MM-dd" keeps less than "yyyy-MM-dd HH:mm", so the original cannot be rebuilt',
    ],
    [
      { op: 'date', from: 'MM/dd/yyyy HH:mm', to: 'MM/dd/yyyy hh:mm' },
      expect.stringContaining('keeps less than'),
    ],
  ] as const)('flags %j as not invertible', (transform, reason) => {
    const forward = parse([{ target: 'x', source: path('trigger.x'), transforms: [transform] }]);
    const { mapping, flagged } = reverseMapping(forward);
    expect(mapping.fields[0]?.transforms).toEqual([]);
    expect(flagged).toEqual([{ field: 'x', transform: transform.op, reason }]);
  });

  it('flags fields that have no source path to write back to', () => {
    const forward = parse([
      { target: 'a', source: { kind: 'literal', value: 1 } },
      { target: 'b', source: { kind: 'template', template: '{{trigger.first}} {{trigger.last}}' } },
      { target: 'c', source: { kind: 'expression', expression: 'trigger.x * 2' } },
      { target: 'd', source: path('trigger') },
      { target: 'e', source: path('trigger.e') },
    ]);
    const { mapping, flagged } = reverseMapping(forward);
    expect(mapping.fields.map((f) => f.target)).toEqual(['e']);
    expect(flagged).toEqual([
      { field: 'a', reason: 'a fixed value has no source to write back to' },
      {
        field: 'b',
        reason: 'a template combines values, so it has no single path to write back to',
      },
      { field: 'c', reason: 'an expression has no single path to write back to' },
      {
        field: 'd',
        reason: 'it maps the whole output of "trigger", which has no place to be written back',
      },
    ]);
  });

  it('flags a second field that would write back to the same place', () => {
    const forward = parse([
      { target: 'email', source: path('trigger.email') },
      { target: 'emailCopy', source: path('trigger.email') },
      { target: 'contact', source: path('trigger.contact') },
      { target: 'phone', source: path('trigger.contact.phone') },
    ]);
    const { mapping, flagged } = reverseMapping(forward);
    expect(mapping.fields.map((f) => f.target)).toEqual(['email', 'contact']);
    expect(flagged).toEqual([
      { field: 'emailCopy', reason: 'another field already writes back to "email"' },
      {
        field: 'phone',
        reason: 'another field already writes back to "contact", which holds "contact.phone"',
      },
    ]);
  });

  it('drops defaults and validations, keeps twoWay, and yields a valid mapping', () => {
    const forward = Mapping.parse({
      twoWay: true,
      fields: [
        {
          target: 'email',
          source: path('trigger.mail'),
          default: 'x@y.z',
          validation: { kind: 'email' },
        },
      ],
    });
    const { mapping } = reverseMapping(forward);
    expect(mapping).toEqual({
      twoWay: true,
      fields: [{ target: 'mail', source: path('trigger.email'), transforms: [] }],
    });
    expect(Mapping.parse(mapping)).toEqual(mapping);
  });
});

describe('reverse(forward(x)) == x for invertible pipelines', () => {
  const separator = fc.constantFrom(',', ';', ' | ', '\n');

  it('split, and split then join with another separator', () => {
    fc.assert(
      fc.property(separator, fc.string({ minLength: 1 }), (sep, text) => {
        expect(roundTrip([{ op: 'split', separator: sep }], text)).toBe(text);
      }),
    );
    const item = fc.string().filter((s) => !s.includes(',') && !s.includes(';'));
    fc.assert(
      fc.property(fc.array(item, { minLength: 1 }), (items) => {
        const text = items.join(',');
        fc.pre(text !== '');
        const transforms: TransformInput[] = [
          { op: 'split', separator: ',' },
          { op: 'join', separator: ';' },
        ];
        expect(roundTrip(transforms, text)).toBe(text);
      }),
    );
  });

  it('join, for items that do not contain the separator', () => {
    fc.assert(
      fc.property(separator, fc.array(fc.string(), { minLength: 1 }), (sep, items) => {
        fc.pre(items.every((s) => !s.includes(sep)) && items.join(sep) !== '');
        expect(roundTrip([{ op: 'join', separator: sep }], items)).toEqual(items);
      }),
    );
  });

  it('number, for numbers written as to_text writes them', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(finite, fc.constantFrom('.', ','), (n, decimal) => {
        const text = decimal === '.' ? String(n) : String(n).replace('.', ',');
        expect(roundTrip([{ op: 'number', decimalSeparator: decimal as '.' | ',' }], text)).toBe(
          text,
        );
      }),
    );
  });

  it('boolean, for "true" and "false"', () => {
    for (const text of ['true', 'false']) expect(roundTrip([{ op: 'boolean' }], text)).toBe(text);
  });

  it('date, between formats that keep the same information, in any zone', () => {
    const pairs = [
      ['MM/dd/yyyy HH:mm', 'yyyy-MM-dd HH:mm'],
      ['dd.MM.yyyy', 'yyyy-MM-dd'],
      ["yyyy-MM-dd'T'HH:mm:ss", 'iso'],
      ['iso', 'yyyy-MM-dd HH:mm:ss.SSS ZZ'],
      ['MMM d, yyyy h:mm a', "EEEE, d MMMM yyyy 'at' HH:mm"],
    ] as const;
    const zone = fc.constantFrom(
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    );
    const instant = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 0, 1) });
    fc.assert(
      fc.property(fc.constantFrom(...pairs), zone, instant, ([from, to], tz, ms) => {
        const write = Transform.parse({ op: 'date', from: 'iso', to: from, zone: tz });
        const original = applyTransform(write, new Date(ms).toISOString());
        if (!original.ok) throw new Error(original.message);
        const transforms: TransformInput[] = [{ op: 'date', from, to, zone: tz }];
        expect(roundTrip(transforms, original.value)).toBe(original.value);
      }),
    );
  });
});

describe('forward(reverse(y)) == y', () => {
  it('number: what to_text writes, number reads back', () => {
    const forward = parse([
      { target: 'amount', source: path('trigger.amount'), transforms: [{ op: 'number' }] },
    ]);
    const backward = compileMapping(reverseMapping(forward).mapping);
    const again = compileMapping(forward);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const source = backward.evaluateSync({ trigger: { amount: n } }).value;
        expect(again.evaluateSync({ trigger: source }).value.amount).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});
