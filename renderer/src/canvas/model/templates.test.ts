import { describe, expect, it } from 'vitest';
import { CONNECTORS } from '@shared/connectors/registry';
import { paletteEntries, templateFromKey } from './templates';

describe('paletteEntries', () => {
  const entries = paletteEntries(CONNECTORS);

  it('gives every entry of the shipped connectors a readable name and group', () => {
    const unreadable = entries.filter(
      (e) => !/\p{L}{2}/u.test(e.name) || !/\p{L}{2}/u.test(e.group) || e.name !== e.name.trim(),
    );
    expect(unreadable.map((e) => e.key)).toEqual([]);
  });

  it('keys each entry once, by a key that names its template', () => {
    const keys = entries.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of entries) expect(templateFromKey(e.key)).toEqual(e.template);
  });
});
