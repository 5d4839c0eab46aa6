import { describe, expect, it } from 'vitest';
import {
  formatPath,
  parsePath,
  PathSyntaxError,
  resolvePath,
  setPath,
  SourcePath,
  TargetPath,
} from './paths';

describe('parsePath', () => {
  it('reads dotted names, indexes and quoted names', () => {
    expect(parsePath('trigger.items[0].id')).toEqual(['trigger', 'items', 0, 'id']);
    expect(parsePath('trigger["first name"]')).toEqual(['trigger', 'first name']);
    expect(parsePath("lookup['a.b'][12]")).toEqual(['lookup', 'a.b', 12]);
    expect(parsePath('trigger.x-request-id.prénom')).toEqual(['trigger', 'x-request-id', 'prénom']);
  });

  it('reads escaped quotes inside quoted names', () => {
    expect(parsePath('trigger["say \\"hi\\""]')).toEqual(['trigger', 'say "hi"']);
  });

  it('lets an output path start with a quoted name', () => {
    expect(parsePath('["First Name"]')).toEqual(['First Name']);
  });

  it.each([
    ['', 'the path is empty at position 0'],
    ['trigger..x', 'expected a name at position 8'],
    ['trigger.', 'expected a name at position 8'],
    ['trigger[x]', 'expected an index or a quoted name after "[" at position 8'],
    ['trigger[01]', 'an index has no leading zeros at position 10'],
    ['trigger[0', 'expected "]" at position 9'],
    ['trigger["a]', 'unclosed " at position 11'],
    ['trigger email', 'unexpected " " at position 7'],
  ])('rejects %j: %s', (path, problem) => {
    expect(() => parsePath(path)).toThrow(PathSyntaxError);
    expect(() => parsePath(path)).toThrow(`Invalid path "${path}": ${problem}`);
  });
});

describe('formatPath', () => {
  it('writes names with dots and everything else in brackets', () => {
    expect(formatPath(['trigger', 'items', 0, 'first name', 'id'])).toBe(
      'trigger.items[0]["first name"].id',
    );
  });

  it('round-trips through parsePath', () => {
    const segments = ['a', 3, 'b c', 'd"e', 'f'];
    expect(parsePath(formatPath(segments))).toEqual(segments);
  });
});

describe('resolvePath', () => {
  const scope = {
    trigger: { email: 'bob@x.io', items: [{ id: 7 }], 'first name': 'Bob', zero: 0 },
  };

  it('returns the value at the path', () => {
    expect(resolvePath(scope, 'trigger.items[0].id')).toBe(7);
    expect(resolvePath(scope, 'trigger["first name"]')).toBe('Bob');
    expect(resolvePath(scope, 'trigger.zero')).toBe(0);
    expect(resolvePath(scope, ['trigger', 'items'])).toEqual([{ id: 7 }]);
  });

  it('returns undefined for anything missing along the way', () => {
    expect(resolvePath(scope, 'trigger.items[3].id')).toBeUndefined();
    expect(resolvePath(scope, 'lookup.id')).toBeUndefined();
    expect(resolvePath(scope, 'trigger.email.length')).toBeUndefined();
  });

  it('never reads inherited properties', () => {
    expect(resolvePath(scope, 'trigger.constructor')).toBeUndefined();
    expect(resolvePath(scope, 'trigger.__proto__')).toBeUndefined();
    expect(resolvePath(scope, 'trigger.email.toString')).toBeUndefined();
  });
});

describe('setPath', () => {
  it('writes under names the prototype also has, like toString and hasOwnProperty', () => {
    const out: Record<string, unknown> = {};
    setPath(out, 'toString.label', 'a');
    setPath(out, '["hasOwnProperty"].x', 1);
    expect(out).toEqual({ toString: { label: 'a' }, hasOwnProperty: { x: 1 } });
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
  });

  it('creates the objects and arrays on the way', () => {
    const out: Record<string, unknown> = {};
    setPath(out, 'contact.phones[1].number', '+1');
    setPath(out, 'contact.name', 'Bob');
    expect(out).toEqual({ contact: { phones: [undefined, { number: '+1' }], name: 'Bob' } });
  });

  it('refuses names that would reach a prototype', () => {
    expect(() => setPath({}, 'a.__proto__.polluted', 1)).toThrow('"__proto__" is not allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses to write inside a value that is not an object', () => {
    const out: Record<string, unknown> = { a: 'text' };
    expect(() => setPath(out, 'a.b', 1)).toThrow('"a" already holds a value that is not an object');
  });
});

describe('path schemas', () => {
  it('requires a source path to start with a node id', () => {
    expect(SourcePath.safeParse('trigger.email').success).toBe(true);
    expect(SourcePath.safeParse('[0].email').error?.issues[0]?.message).toBe(
      '"[0].email" must start with a node id, e.g. trigger.email',
    );
    expect(SourcePath.safeParse('trigger..email').error?.issues[0]?.message).toMatch(
      /expected a name at position 8/,
    );
  });

  it('rejects target paths that would write to a prototype', () => {
    expect(TargetPath.safeParse('contact.phone').success).toBe(true);
    expect(TargetPath.safeParse('a.constructor').error?.issues[0]?.message).toBe(
      '"constructor" is not allowed as a name',
    );
  });
});
