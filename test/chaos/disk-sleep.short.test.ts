import { describe, expect, it } from 'vitest';
import { runDisk } from './disk';
import { runSleep } from './sleep';

/**
 * The disk and sleep chaos scenarios in short mode (`npm run chaos` runs them at full size).
 * Disk does not mount a tmpfs or loop file here — `npm test` must not need root — so it fills
 * the database with SQLite's max_page_count, which fails writes with the same SQLITE_FULL.
 */
const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const opts = { seed, short: true, log: () => undefined };

describe(`chaos, short (CHAOS_SEED=${seed})`, () => {
  it('disk: refuses writes cleanly when full, loses nothing committed, recovers when space returns', async () => {
    const result = await runDisk(opts);
    expect(result.failures).toEqual([]);
    expect(result.figures).toMatchObject({
      filesystem: 'sqlite-max-page-count',
      lostCommitted: 0,
      uncleanRefusals: 0,
      recovered: true,
      crashed: false,
      duplicated: 0,
      unfinishedRuns: 0,
      integrity: 'ok',
    });
    expect(result.figures.writesRefused).toBeGreaterThan(0);
    expect(result.figures.committedAfter).toBe(result.figures.committedBefore);
    expect(result.targetsMet).toBe(true);
  }, 60_000);

  it('sleep: after 8 hours each schedule catches up per its policy once; a clock set back fires nothing twice', async () => {
    const result = await runSleep(opts);
    expect(result.failures).toEqual([]);
    expect(result.figures).toMatchObject({ duplicates: 0, refired: 0, unfinished: 0 });
    const policies = result.figures.policies as Record<
      string,
      Record<string, { expected: number; actual: number }>
    >;
    expect(policies['every minute / run_all']!.resume).toEqual({ expected: 101, actual: 101 });
    expect(policies['hourly / run_once']!.resume).toEqual({ expected: 1, actual: 1 });
    expect(policies['hourly / skip']!.resume).toEqual({ expected: 0, actual: 0 });
    expect(result.targetsMet).toBe(true);
  }, 60_000);
});
