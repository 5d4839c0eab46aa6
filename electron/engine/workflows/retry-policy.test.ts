import { describe, expect, it } from 'vitest';
import { RetryPolicy } from '@shared/workflow/schema';
import { retryCeilingsMs, retryDelayMs } from './retry-policy';

const defaults = RetryPolicy.parse({});

describe('retry policy', () => {
  it('defaults to 5 retries with ceilings of 2, 4, 8, 16 and 32 seconds', () => {
    expect(retryCeilingsMs(defaults)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
  });

  it('jitters uniformly between zero and the ceiling', () => {
    expect(retryDelayMs(defaults, 2, undefined, () => 0)).toBe(0);
    expect(retryDelayMs(defaults, 2, undefined, () => 0.5)).toBe(4_000);
    expect(retryDelayMs(defaults, 2, undefined, () => 1)).toBe(8_000);
  });

  it('never waits less than Retry-After asks', () => {
    expect(retryDelayMs(defaults, 0, 120_000, () => 1)).toBe(120_000);
  });

  it('caps the ceiling at maxDelayMs, so policies can reach hours but not beyond', () => {
    const long = RetryPolicy.parse({
      maxRetries: 20,
      baseDelayMs: 60_000,
      maxDelayMs: 3 * 3_600_000,
    });
    expect(retryCeilingsMs(long).at(-1)).toBe(3 * 3_600_000);
    expect(retryDelayMs(long, 19, undefined, () => 1)).toBe(3 * 3_600_000);
  });
});
