import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

const now = Date.parse('2026-03-10T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('relativeTime', () => {
  it('says "just now" under a minute', () =>
    expect(relativeTime(ago(20_000), now)).toBe('just now'));
  it('counts minutes', () => expect(relativeTime(ago(3 * 60_000 + 5_000), now)).toBe('3 min ago'));
  it('counts hours', () => expect(relativeTime(ago(2 * 3_600_000), now)).toBe('2 h ago'));
  it('says yesterday', () => expect(relativeTime(ago(30 * 3_600_000), now)).toBe('yesterday'));
  it('counts days within a week', () =>
    expect(relativeTime(ago(4 * 86_400_000), now)).toBe('4 days ago'));
  it('is empty for a date it cannot read', () => expect(relativeTime('soon', now)).toBe(''));
});
