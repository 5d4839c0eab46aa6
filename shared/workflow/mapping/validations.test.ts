import { describe, expect, it } from 'vitest';
import { Validation, validateValue, type ValidationInput } from './validations';

const check = (validation: ValidationInput, value: unknown) =>
  validateValue(Validation.parse(validation), value);
const fails = (message: string) => ({ ok: false, message });

describe('regex', () => {
  it('passes values that match and names the pattern when one does not', () => {
    expect(check({ kind: 'regex', pattern: '^[A-Z]{2}\\d+$' }, 'GB123')).toEqual({ ok: true });
    expect(check({ kind: 'regex', pattern: '^[A-Z]{2}\\d+$' }, 'gb123')).toEqual(
      fails('"gb123" does not match /^[A-Z]{2}\\d+$/'),
    );
  });

  it('honours flags, and gives the same answer for the same value every time', () => {
    const validation = Validation.parse({ kind: 'regex', pattern: '^gb', flags: 'gi' });
    expect(validateValue(validation, 'GB1')).toEqual({ ok: true });
    expect(validateValue(validation, 'GB1')).toEqual({ ok: true });
  });

  it('rejects a pattern that does not compile', () => {
    expect(Validation.safeParse({ kind: 'regex', pattern: '[' }).error?.issues[0]?.path).toEqual([
      'pattern',
    ]);
  });
});

describe('email', () => {
  it.each(['bob@example.com', 'first.last+tag@mail.example.co.uk', "o'neil@x.io"])(
    'accepts %s',
    (email) => {
      expect(check({ kind: 'email' }, email)).toEqual({ ok: true });
    },
  );

  it.each(['bob', 'bob@', '@x.io', 'bob@x..io', 'bob smith@x.io', 'bob@-x.io'])(
    'rejects %s',
    (email) => {
      expect(check({ kind: 'email' }, email)).toEqual(
        fails(`${JSON.stringify(email)} is not an e-mail address`),
      );
    },
  );
});

describe('url', () => {
  it('accepts http and https addresses', () => {
    expect(check({ kind: 'url' }, 'https://example.com/a?b=1')).toEqual({ ok: true });
    expect(check({ kind: 'url' }, 'http://localhost:8080')).toEqual({ ok: true });
  });

  it.each(['ftp://example.com', 'javascript:alert(1)', 'example.com', 'https://exa mple.com'])(
    'rejects %s',
    (url) => {
      expect(check({ kind: 'url' }, url)).toEqual(
        fails(`${JSON.stringify(url)} is not an http or https address`),
      );
    },
  );
});

describe('one_of', () => {
  it('accepts exactly the listed values', () => {
    expect(check({ kind: 'one_of', values: ['lead', 'customer'] }, 'lead')).toEqual({ ok: true });
    expect(check({ kind: 'one_of', values: ['lead', 'customer'] }, 'Lead')).toEqual(
      fails('"Lead" is not one of "lead", "customer"'),
    );
  });

  it('compares numbers by their text', () => {
    expect(check({ kind: 'one_of', values: ['1', '2'] }, 2)).toEqual({ ok: true });
  });
});

describe('every validation', () => {
  it('uses the custom message when there is one', () => {
    expect(check({ kind: 'email', message: 'Enter a work e-mail' }, 'bob')).toEqual(
      fails('Enter a work e-mail'),
    );
  });

  it('fails on lists and objects, naming what was received', () => {
    expect(check({ kind: 'email' }, ['bob@x.io'])).toEqual(
      fails('expected text, received a list (1 item)'),
    );
  });
});
