import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock, useEngines } from '../../../test/support/engine';
import { connectors } from '../../../test/support/feed-connector';
import { useTempDir } from '../../../test/support/temp-dir';
import { startBackground } from './background';
import type { Scheduler } from './scheduler';
import { createBackgroundControl, type RunningBackground } from './control';

const connectorsModule = join(import.meta.dirname, '../../../test/support/feed-connector.ts');
async function waitFor(check: () => boolean, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Stands in for startBackground(): records starts, stops and resume calls. */
function fakeBackground() {
  const log: string[] = [];
  let live = 0;
  const start = async (): Promise<RunningBackground> => {
    await Promise.resolve();
    live++;
    log.push('start');
    return {
      scheduler: { resume: (now) => log.push(`resume@${now}`) },
      stop: async () => {
        await new Promise((r) => setTimeout(r, 5)); // workers finish their batch
        live--;
        log.push('stop');
      },
    };
  };
  return { log, start, live: () => live };
}

describe('background control', () => {
  it('stops workers on suspend and, on wake, starts them and calls resume(now) exactly once', async () => {
    const clock = manualClock();
    const bg = fakeBackground();
    const control = createBackgroundControl({ start: bg.start, clock, logger });
    await control.start();
    expect(bg.log).toEqual(['start']); // a first start is not a resume
    await control.pause('suspend');
    expect(bg.live()).toBe(0);
    clock.advance(3_600_000);
    // Power events come in bursts: resume, unlock, resume again.
    await Promise.all([
      control.release('suspend'),
      control.release('lock'),
      control.release('suspend'),
    ]);
    expect(bg.log).toEqual(['start', 'stop', 'start', `resume@${clock.ms}`]);
    expect(bg.live()).toBe(1);
  });

  it('keeps work stopped while any reason holds it', async () => {
    const bg = fakeBackground();
    const control = createBackgroundControl({ start: bg.start, clock: manualClock(), logger });
    await control.start();
    await control.pause('user');
    await control.pause('lock');
    await control.release('lock');
    expect(control.state()).toEqual({ running: false, reasons: ['user'] });
    await control.release('user');
    expect(control.state()).toEqual({ running: true, reasons: [] });
    expect(bg.log.filter((e) => e === 'start')).toHaveLength(2);
  });

  it('starts paused when the user paused everything last time, and tells listeners each change', async () => {
    const bg = fakeBackground();
    const control = createBackgroundControl({
      start: bg.start,
      clock: manualClock(),
      logger,
      initialReasons: ['user'],
    });
    const seen: boolean[] = [];
    control.onChange((s) => seen.push(s.running));
    await control.start();
    expect(bg.log).toEqual([]);
    await control.release('user');
    expect(seen).toEqual([false, true]);
  });

  it('stops for good on close: later wake-ups start nothing', async () => {
    const bg = fakeBackground();
    const control = createBackgroundControl({ start: bg.start, clock: manualClock(), logger });
    await control.start();
    await control.close();
    await control.release('suspend');
    expect(bg.live()).toBe(0);
    expect(bg.log).toEqual(['start', 'stop']);
  });

  it('survives a start that failed: the next change tries again', async () => {
    let fail = true;
    const bg = fakeBackground();
    const control = createBackgroundControl({
      start: () => (fail ? Promise.reject(new Error('no workers')) : bg.start()),
      clock: manualClock(),
      logger,
    });
    await expect(control.start()).rejects.toThrow('no workers');
    fail = false;
    await control.start();
    expect(control.state().running).toBe(true);
  });
});

describe('background control with real Bree workers', () => {
  const tempDir = useTempDir('switchyard-control-');
  const openEngine = useEngines();

  it('ends every worker thread on pause and starts them again on release', async () => {
    const engine = openEngine(tempDir(), { connectors });
    const schedulers: Scheduler[] = [];
    const control = createBackgroundControl({
      start: async () => {
        const running = await startBackground(engine, logger, { connectorsModule });
        schedulers.push(running.scheduler);
        return running;
      },
      clock: manualClock(),
      logger,
    });
    await control.start();
    await waitFor(() => schedulers[0]!.running().length === 1);
    await control.pause('suspend');
    expect(schedulers[0]!.running()).toEqual([]);
    await control.release('suspend');
    expect(schedulers).toHaveLength(2);
    await waitFor(() => schedulers[1]!.running().length === 1);
    expect(schedulers[1]!.running()).toEqual(['runner']);
    await control.close();
    expect(schedulers[1]!.running()).toEqual([]);
  }, 30_000);
});
