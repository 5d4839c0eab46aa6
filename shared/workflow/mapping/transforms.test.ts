import { describe, expect, it } from 'vitest';
import { applyTransform, Transform, type TransformInput } from './transforms';

const apply = (transform: TransformInput, value: unknown) =>
  applyTransform(Transform.parse(transform), value);
const ok = (value: unknown) => ({ ok: true, value });
const failed = (message: string) => ({ ok: false, code: 'transform_failed', message });
const mismatch = (message: string) => ({ ok: false, code: 'type_mismatch', message });

describe('text transforms', () => {
  it('trim removes spaces and line breaks at both ends', () => {
    expect(apply({ op: 'trim' }, '  Ada \n')).toEqual(ok('Ada'));
  });

  it('lowercase and uppercase change every letter', () => {
    expect(apply({ op: 'lowercase' }, 'ÀDA@Example.COM')).toEqual(ok('àda@example.com'));
    expect(apply({ op: 'uppercase' }, 'gb')).toEqual(ok('GB'));
  });

  it('remove_spaces removes every space, tab and line break', () => {
    expect(apply({ op: 'remove_spaces' }, ' SW1A\t1AA\n ')).toEqual(ok('SW1A1AA'));
  });

  it('title_case capitalises each word and lower-cases the rest', () => {
    expect(apply({ op: 'title_case' }, 'mARY-jane de la CRUZ (ny)')).toEqual(
      ok('Mary-Jane De La Cruz (Ny)'),
    );
    expect(apply({ op: 'title_case' }, 'zürich')).toEqual(ok('Zürich'));
  });

  it('truncate keeps at most N characters, never splitting an emoji', () => {
    expect(apply({ op: 'truncate', length: 5 }, 'Hello world')).toEqual(ok('Hello'));
    expect(apply({ op: 'truncate', length: 3 }, 'ab😀cd')).toEqual(ok('ab😀'));
    expect(apply({ op: 'truncate', length: 40 }, 'short')).toEqual(ok('short'));
  });

  it('replace substitutes every match of a regular expression, with groups', () => {
    expect(apply({ op: 'replace', pattern: '-' }, 'AB-12-X')).toEqual(ok('AB12X'));
    expect(
      apply({ op: 'replace', pattern: '(\\w+)@(\\w+)', replacement: '$2:$1' }, 'bob@acme'),
    ).toEqual(ok('acme:bob'));
    expect(apply({ op: 'replace', pattern: 'a', flags: 'i', replacement: '_' }, 'AaA')).toEqual(
      ok('_aA'),
    );
  });

  it('split turns text into a list and join turns a list into text', () => {
    expect(apply({ op: 'split', separator: ',' }, 'lead,warm,2026')).toEqual(
      ok(['lead', 'warm', '2026']),
    );
    expect(apply({ op: 'join', separator: ', ' }, ['a', 2, true, null])).toEqual(
      ok('a, 2, true, '),
    );
  });

  it('reads numbers and yes/no values as their text', () => {
    expect(apply({ op: 'uppercase' }, 42)).toEqual(ok('42'));
    expect(apply({ op: 'trim' }, true)).toEqual(ok('true'));
  });

  it('reports a type mismatch for lists and objects, naming what was received', () => {
    expect(apply({ op: 'trim' }, ['a'])).toEqual(
      mismatch('trim: expected text, received a list (1 item)'),
    );
    expect(apply({ op: 'uppercase' }, { a: 1 })).toEqual(
      mismatch('uppercase: expected text, received an object'),
    );
    expect(apply({ op: 'join', separator: ',' }, 'a,b')).toEqual(
      mismatch('join: expected a list, received "a,b"'),
    );
    expect(apply({ op: 'join', separator: ',' }, ['a', { b: 1 }])).toEqual(
      mismatch('join: item 2 is an object, not text'),
    );
  });

  it('lets missing values (undefined, null, empty text) through every transform unchanged', () => {
    const all: TransformInput[] = [
      { op: 'trim' },
      { op: 'title_case' },
      { op: 'phone_e164' },
      { op: 'date', to: 'iso' },
      { op: 'number' },
      { op: 'boolean' },
      { op: 'split', separator: ',' },
      { op: 'join', separator: ',' },
    ];
    for (const transform of all) {
      for (const missing of [undefined, null, ''])
        expect(apply(transform, missing)).toEqual(ok(missing));
    }
  });
});

describe('phone_e164', () => {
  it('formats national numbers of the default country as E.164', () => {
    expect(apply({ op: 'phone_e164' }, '(415) 555-2671')).toEqual(ok('+14155552671'));
    expect(apply({ op: 'phone_e164', defaultCountry: 'GB' }, '020 7946 0958')).toEqual(
      ok('+442079460958'),
    );
    expect(apply({ op: 'phone_e164', defaultCountry: 'CA' }, '416-555-0199')).toEqual(
      ok('+14165550199'),
    );
  });

  it('keeps the country of numbers written with a +country code', () => {
    expect(apply({ op: 'phone_e164' }, '+44 20 7946 0958')).toEqual(ok('+442079460958'));
    expect(apply({ op: 'phone_e164' }, '+1 (876) 555-0123')).toEqual(ok('+18765550123'));
  });

  it('accepts a number given as a number', () => {
    expect(apply({ op: 'phone_e164' }, 4155552671)).toEqual(ok('+14155552671'));
  });

  it('fails on text that is not a phone number, naming the input and the country', () => {
    expect(apply({ op: 'phone_e164' }, 'abc')).toEqual(
      failed('phone_e164: "abc" is not a phone number for US'),
    );
    expect(apply({ op: 'phone_e164', defaultCountry: 'DE' }, '12')).toEqual(
      failed('phone_e164: "12" is not a phone number for DE'),
    );
  });

  it('rejects a default country that is not an ISO 3166 alpha-2 code', () => {
    expect(Transform.safeParse({ op: 'phone_e164', defaultCountry: 'USA' }).success).toBe(false);
    expect(Transform.safeParse({ op: 'phone_e164', defaultCountry: 'us' }).success).toBe(false);
  });
});

describe('date', () => {
  it('reads ISO 8601 and writes luxon formats in the zone', () => {
    const toBerlin = {
      op: 'date',
      from: 'iso',
      to: 'yyyy-MM-dd HH:mm',
      zone: 'Europe/Berlin',
    } as const;
    expect(apply(toBerlin, '2026-01-15T09:30:00Z')).toEqual(ok('2026-01-15 10:30'));
    expect(apply(toBerlin, '2026-07-15T09:30:00Z')).toEqual(ok('2026-07-15 11:30'));
  });

  it('reads input without an offset as local time in the zone', () => {
    const transform = {
      op: 'date',
      from: 'MM/dd/yyyy h:mm a',
      to: 'iso',
      zone: 'America/New_York',
    } as const;
    expect(apply(transform, '03/05/2024 9:15 PM')).toEqual(ok('2024-03-05T21:15:00-05:00'));
  });

  it('handles the hours around a daylight-saving change', () => {
    const transform = {
      op: 'date',
      from: 'iso',
      to: 'yyyy-MM-dd HH:mm ZZ',
      zone: 'Europe/Berlin',
    } as const;
    expect(apply(transform, '2026-03-29T00:59:59Z')).toEqual(ok('2026-03-29 01:59 +01:00'));
    expect(apply(transform, '2026-03-29T01:00:00Z')).toEqual(ok('2026-03-29 03:00 +02:00'));
  });

  it("reads ISO, RFC 2822, HTTP and SQL dates and epoch milliseconds with 'auto'", () => {
    const transform = { op: 'date', to: 'yyyy-MM-dd HH:mm' } as const;
    expect(apply(transform, '2024-03-05T10:00:00Z')).toEqual(ok('2024-03-05 10:00'));
    expect(apply(transform, 'Tue, 05 Mar 2024 10:00:00 +0000')).toEqual(ok('2024-03-05 10:00'));
    expect(apply(transform, 'Tue, 05 Mar 2024 10:00:00 GMT')).toEqual(ok('2024-03-05 10:00'));
    expect(apply(transform, '2024-03-05 10:00:00')).toEqual(ok('2024-03-05 10:00'));
    expect(apply(transform, Date.UTC(2024, 2, 5, 10))).toEqual(ok('2024-03-05 10:00'));
  });

  it('fails on text that does not match, naming the input and the format', () => {
    expect(apply({ op: 'date', from: 'yyyy-MM-dd', to: 'iso' }, '05/03/2024')).toEqual(
      failed('date: "05/03/2024" is not a date in the format "yyyy-MM-dd"'),
    );
    expect(apply({ op: 'date', from: 'iso', to: 'iso' }, 'tomorrow')).toEqual(
      failed('date: "tomorrow" is not an ISO 8601 date'),
    );
    expect(apply({ op: 'date', to: 'iso' }, 'soon')).toEqual(
      failed(
        'date: "soon" is not a date (expected ISO 8601, RFC 2822, HTTP or SQL format, or epoch milliseconds)',
      ),
    );
    expect(apply({ op: 'date', to: 'iso' }, ['2024-01-01'])).toEqual(
      mismatch('date: expected text, received a list (1 item)'),
    );
  });

  it('rejects unknown time zones and writing with auto', () => {
    const badZone = Transform.safeParse({ op: 'date', to: 'iso', zone: 'Mars/Olympus' });
    expect(badZone.error?.issues[0]?.message).toBe(
      'must be an IANA time zone such as Europe/Berlin or UTC',
    );
    expect(Transform.safeParse({ op: 'date', to: 'auto' }).error?.issues[0]?.message).toBe(
      "'auto' is only for reading",
    );
  });
});

describe('number', () => {
  it('reads numbers written with grouping, a sign, a currency symbol or an exponent', () => {
    expect(apply({ op: 'number' }, '1,234.50')).toEqual(ok(1234.5));
    expect(apply({ op: 'number' }, '-$ 12')).toEqual(ok(-12));
    expect(apply({ op: 'number' }, '.5')).toEqual(ok(0.5));
    expect(apply({ op: 'number' }, '1.5e3')).toEqual(ok(1500));
    expect(apply({ op: 'number' }, 7)).toEqual(ok(7));
  });

  it('reads a comma as the decimal separator when told to', () => {
    expect(apply({ op: 'number', decimalSeparator: ',' }, '1.234,5 €')).toEqual(ok(1234.5));
    expect(apply({ op: 'number', decimalSeparator: ',' }, "1'234,5")).toEqual(ok(1234.5));
  });

  it('fails on text that is not a number with that separator', () => {
    expect(apply({ op: 'number' }, 'abc')).toEqual(
      failed('number: "abc" is not a number (decimal separator ".")'),
    );
    expect(apply({ op: 'number', decimalSeparator: ',' }, '1.5')).toEqual(
      failed('number: "1.5" is not a number (decimal separator ",")'),
    );
    expect(apply({ op: 'number' }, '1,23')).toEqual(
      failed('number: "1,23" is not a number (decimal separator ".")'),
    );
    expect(apply({ op: 'number' }, true)).toEqual(mismatch('number: expected text, received true'));
  });
});

describe('boolean', () => {
  it.each([
    ['true', true],
    ['YES', true],
    [' on ', true],
    ['1', true],
    [1, true],
    ['False', false],
    ['no', false],
    ['OFF', false],
    ['0', false],
    [false, false],
  ])('reads %j as %s', (input, expected) => {
    expect(apply({ op: 'boolean' }, input)).toEqual(ok(expected));
  });

  it('fails on other words and numbers', () => {
    expect(apply({ op: 'boolean' }, 'maybe')).toEqual(
      failed('boolean: "maybe" is not one of true/false, yes/no, 1/0, on/off'),
    );
    expect(apply({ op: 'boolean' }, 2)).toEqual(
      failed('boolean: 2 is not one of true/false, yes/no, 1/0, on/off'),
    );
    expect(apply({ op: 'boolean' }, {})).toEqual(
      mismatch('boolean: expected text or a number, received an object'),
    );
  });
});

describe('to_text', () => {
  it('writes numbers without grouping and yes/no values as true/false', () => {
    expect(apply({ op: 'to_text' }, 1234.5)).toEqual(ok('1234.5'));
    expect(apply({ op: 'to_text', decimalSeparator: ',' }, 1234.5)).toEqual(ok('1234,5'));
    expect(apply({ op: 'to_text' }, false)).toEqual(ok('false'));
    expect(apply({ op: 'to_text' }, 'text')).toEqual(ok('text'));
  });
});

describe('the Transform schema', () => {
  it('rejects a replace pattern that does not compile', () => {
    const parsed = Transform.safeParse({ op: 'replace', pattern: '(' });
    expect(parsed.error?.issues[0]?.path).toEqual(['pattern']);
    expect(parsed.error?.issues[0]?.message).toMatch(/^not a valid regular expression: /);
  });

  it('rejects unknown flags and repeated flags', () => {
    expect(Transform.safeParse({ op: 'replace', pattern: 'a', flags: 'x' }).success).toBe(false);
    expect(Transform.safeParse({ op: 'replace', pattern: 'a', flags: 'gg' }).success).toBe(false);
  });

  it('rejects unknown ops', () => {
    expect(Transform.safeParse({ op: 'reverse' }).success).toBe(false);
  });
});
