import { describe, expect, it } from 'vitest';
import { runCrash, SHORT_CRASH } from './crash';
import { runFaults, SHORT_FAULTS } from './faults';
import type { ChaosOptions } from './scenario';

/**
 * The short chaos run inside `npm test`: the crash and faults scenarios at small counts
 * (`npm run chaos` runs them at full size). CHAOS_SEED=<n> repeats a run's kill moments and
 * fault draws; where a kill lands in the work still depends on the machine's speed.
 */
const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const options = (name: string): ChaosOptions => ({
  seed,
  short: true,
  log: (line) => console.info(`[chaos ${name}] ${line}`),
});
console.info(`[chaos] seed ${seed} (CHAOS_SEED=${seed} repeats it)`);

describe('chaos, short', () => {
  it('loses and doubles nothing through SIGKILLs of the headless engine, one run at a time', async () => {
    // The one-at-a-time pass only (npm run chaos adds the parallel one): the bound holds.
    const result = await runCrash(options('crash'), SHORT_CRASH, { parallel: false });
    console.info(`[chaos crash] ${JSON.stringify(result.figures)}`);
    expect(result.failures).toEqual([]);
    expect(result.figures.redeliveries).toBeLessThanOrEqual(SHORT_CRASH.kills);
    expect(result.figures.mostRedeliveriesAtOneKill).toBeLessThanOrEqual(1);
    expect(result.figures).toMatchObject({
      runsAtOnce: 1,
      redeliveriesNotInFlight: 0,
      kills: SHORT_CRASH.kills,
      items: SHORT_CRASH.hooks + SHORT_CRASH.rows,
      delivered: SHORT_CRASH.hooks + SHORT_CRASH.rows,
      lost: 0,
      duplicated: 0,
      runsWithoutFinalState: 0,
    });
    expect(result.targetsMet).toBe(true);
  }, 180_000);

  it('loses and doubles nothing at a 30% fault rate, honours Retry-After, resumes after a reconnect', async () => {
    const result = await runFaults(options('faults'), SHORT_FAULTS);
    console.info(`[chaos faults] ${JSON.stringify(result.figures)}`);
    expect(result.failures).toEqual([]);
    expect(result.figures).toMatchObject({
      items: SHORT_FAULTS.hooks + SHORT_FAULTS.rows,
      delivered: SHORT_FAULTS.hooks + SHORT_FAULTS.rows,
      lost: 0,
      duplicated: 0,
      retryAfterHonoured: true,
      heldThenResumed: true,
      runsWithoutFinalState: 0,
    });
    // The faults really happened, and the engine really retried through them.
    expect(result.figures.retries).toBeGreaterThan(0);
    expect(result.figures.retryAfterChecks).toBeGreaterThan(0);
    // Work done then its answer lost, retried under the same key; the client's own timeout fired.
    const { appliedThenFailed, clientTimeouts } = result.figures as {
      appliedThenFailed: { total: number };
      clientTimeouts: number;
    };
    expect(appliedThenFailed.total).toBeGreaterThan(0);
    expect(clientTimeouts).toBeGreaterThan(0);
    expect(result.targetsMet).toBe(true);
  }, 240_000);
});
