import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after';

const now = new Date('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toEqual({
      delayMs: 120_000,
      clamped: false,
      requestedMs: 120_000,
    });
    expect(parseRetryAfter(' 0 ', now)?.delayMs).toBe(0);
    expect(parseRetryAfter('1.5', now)?.delayMs).toBe(1500);
  });

  it('reads an HTTP-date relative to the injected now, in all three HTTP formats', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:01:30 GMT', now)?.delayMs).toBe(90_000);
    expect(parseRetryAfter('Saturday, 01-Mar-25 12:01:30 GMT', now)?.delayMs).toBe(90_000);
    expect(parseRetryAfter('Sat Mar  1 12:01:30 2025', now)?.delayMs).toBe(90_000);
  });

  it('reads a date in the past as "now"', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', now)?.delayMs).toBe(0);
  });

  it('clamps a wait longer than an hour, and says it did', () => {
    expect(parseRetryAfter('86400', now)).toEqual({
      delayMs: MAX_RETRY_AFTER_MS,
      clamped: true,
      requestedMs: 86_400_000,
    });
    expect(parseRetryAfter('Sun, 02 Mar 2025 12:00:00 GMT', now)?.clamped).toBe(true);
    expect(parseRetryAfter('600', now, 60_000)?.delayMs).toBe(60_000);
  });

  it('takes the first value of a header sent twice', () => {
    expect(parseRetryAfter('30, 30', now)?.delayMs).toBe(30_000);
  });

  it('ignores what it cannot read', () => {
    for (const garbage of [
      undefined,
      null,
      '',
      'soon',
      '-5',
      '1e3',
      'hello 1',
      '12:00:00',
      'NaN',
      '0x10',
    ]) {
      expect(parseRetryAfter(garbage, now)).toBeUndefined();
    }
  });
});
