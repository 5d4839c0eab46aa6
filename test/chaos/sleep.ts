/**
 * Sleep: the machine sleeps 8 hours, then the clock is set back 1 hour. The shell's own power
 * wiring (wirePowerEvents → createBackgroundControl) is driven by a stand-in powerMonitor; its
 * start() runs the poller and the dispatcher in this thread on the engine's injected clock, as
 * the workers do on theirs (a worker's clock is the system clock, which a test cannot move).
 * Each schedule must catch up per its policy exactly once; nothing may fire twice.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workflow } from '@shared/workflow/schema';
import { createEngine, type EngineInternals } from '../../electron/engine';
import { wirePowerEvents } from '../../electron/main/power';
import { createBackgroundControl } from '../../electron/engine/scheduler/control';
import { createPoller } from '../../electron/engine/scheduler/poller';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { silentLogger } from '../../electron/engine/types';
import { manualClock } from '../support/engine';
import { connectors, feedTriggerNode } from '../support/feed-connector';
import { startFeedServer } from '../support/feed-server';
import { chain, debugStep } from '../support/workflows';
import type { ChaosOptions, Scenario, ScenarioResult } from './scenario';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const POLICIES = ['skip', 'run_once', 'run_all'] as const;
type Policy = (typeof POLICIES)[number];
/** run_all fires at most this many missed times (the engine's bound, see missedRuns). */
const RUN_ALL_BOUND = 100;
/** A time this late still counts as on time and fires under every policy (CATCH_UP_GRACE_MS). */
const GRACE = MINUTE;

interface Schedule {
  key: string;
  policy: Policy;
  everyMinutes: 1 | 60;
  id: string;
}

/** Scheduled times in (from, to] of an every-N-minutes UTC schedule, counted by hand. */
function timesBetween(everyMinutes: number, from: number, to: number): number[] {
  const period = everyMinutes * MINUTE;
  const times: number[] = [];
  for (let t = Math.floor(from / period) * period + period; t <= to; t += period) times.push(t);
  return times;
}

/** What a policy fires for the gap (from, to], written from the policy's definition. */
function expectedFires(schedule: Schedule, from: number, to: number): number {
  const times = timesBetween(schedule.everyMinutes, from, to);
  const due = times.length > 0 && times.at(-1)! >= to - GRACE ? 1 : 0;
  const missed = times.length - due;
  if (schedule.policy === 'skip') return due;
  if (schedule.policy === 'run_once') return due || Math.min(missed, 1);
  return Math.min(missed, RUN_ALL_BOUND) + due;
}

async function saveSchedule(engine: EngineInternals, schedule: Omit<Schedule, 'id'>) {
  const saved = await invoke<Workflow>(engine, 'workflows:save', {
    name: schedule.key,
    definition: chain(
      {
        id: 'trigger',
        type: 'trigger',
        connector: 'schedule',
        operation: 'every',
        position: { x: 0, y: 0 },
        config: { mode: 'interval', everyMinutes: schedule.everyMinutes, zone: 'UTC' },
      },
      [debugStep('record', { record: '{{trigger.scheduledFor}}' })],
      { catchUp: schedule.policy },
    ),
  });
  await invoke(engine, 'workflows:enable', { id: saved.id });
  return { ...schedule, id: saved.id };
}

async function invoke<T>(engine: EngineInternals, channel: string, input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export async function runSleep(opts: ChaosOptions): Promise<ScenarioResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-sleep-'));
  const feed = await startFeedServer();
  // Half a minute past, so a due time is never exactly "now".
  const clock = manualClock(Date.parse('2026-11-25T09:00:30Z') + (opts.seed % 20) * 1000);
  const engine = createEngine({
    dataDir,
    keyring: createKeyFileKeyring(dataDir),
    clock,
    connectors,
  });
  const failures: string[] = [];
  try {
    const schedules: Schedule[] = [];
    for (const policy of POLICIES)
      for (const everyMinutes of [1, 60] as const)
        schedules.push(
          await saveSchedule(engine, {
            key: `${everyMinutes === 1 ? 'every minute' : 'hourly'} / ${policy}`,
            policy,
            everyMinutes,
          }),
        );
    const polled = await invoke<Workflow>(engine, 'workflows:save', {
      name: 'feed / polling',
      definition: chain(feedTriggerNode(feed.url('leads')), [debugStep('record', {})], {
        pollIntervalSeconds: 60,
      }),
    });
    await invoke(engine, 'workflows:enable', { id: polled.id });

    // The background as the shell runs it, with this thread standing in for the workers.
    let work: Promise<void> = Promise.resolve();
    let resumes: number[] = [];
    const tick = () => {
      work = work.then(async () => {
        await poller.runDue();
        await engine.workflowEngine.queue.drain();
      });
      return work;
    };
    let poller = createPoller({
      db: engine.db,
      queue: engine.workflowEngine.queue,
      impls: engine.workflowEngine.impls,
      clock,
      logger: silentLogger,
      httpFor: engine.workflowEngine.httpFor,
      ownWrites: { has: () => false, add() {} },
    });
    const control = createBackgroundControl({
      clock,
      logger: silentLogger,
      start: () => {
        // A worker starting opens its own poller and looks at once.
        poller = createPoller({
          db: engine.db,
          queue: engine.workflowEngine.queue,
          impls: engine.workflowEngine.impls,
          clock,
          logger: silentLogger,
          httpFor: engine.workflowEngine.httpFor,
          ownWrites: { has: () => false, add() {} },
        });
        void tick();
        return Promise.resolve({
          scheduler: {
            resume: (now: number) => {
              resumes.push(now);
              void tick();
            },
          },
          stop: () => work,
        });
      },
    });
    const power = new EventEmitter();
    wirePowerEvents(
      power,
      control,
      () => undefined,
      (message) => failures.push(message),
    );
    const settled = async (running: boolean) => {
      for (let i = 0; i < 200 && control.state().running !== running; i++)
        await new Promise((wait) => setTimeout(wait, 5));
      await work;
    };
    await control.start();
    await settled(true);
    const minutes = async (count: number) => {
      for (let i = 0; i < count; i++) {
        clock.advance(MINUTE);
        await tick();
      }
    };

    const fired = (id: string) =>
      engine.db
        .prepare('SELECT count(*) FROM runs WHERE workflow_id = ?')
        .pluck()
        .get(id) as number;
    const cursorOf = (id: string) => {
      const cursor = engine.db
        .prepare('SELECT cursor FROM trigger_state WHERE workflow_id = ?')
        .pluck()
        .get(id) as string | undefined;
      return cursor
        ? Date.parse((JSON.parse(cursor) as { lastScheduled: string }).lastScheduled)
        : 0;
    };
    const perSchedule: Record<string, Record<string, unknown>> = {};
    const expect = (phase: string, schedule: Schedule, expected: number, actual: number) => {
      const entry = (perSchedule[schedule.key] ??= {});
      entry[phase] = { expected, actual };
      if (expected !== actual)
        failures.push(`${schedule.key}, ${phase}: expected ${expected} runs, got ${actual}`);
    };
    const phase = async (name: string, act: () => Promise<void>) => {
      const before = new Map(
        schedules.map((s) => [s.id, { runs: fired(s.id), at: cursorOf(s.id) }]),
      );
      const start = clock.ms;
      await act();
      for (const s of schedules) {
        const was = before.get(s.id)!;
        // Awake minutes: each look fires what fell due since the previous look.
        const expected =
          name === 'resume'
            ? expectedFires(s, was.at, clock.ms)
            : timesBetween(s.everyMinutes, Math.max(start, was.at), clock.ms).length;
        expect(name, s, expected, fired(s.id) - was.runs);
      }
    };

    await phase('awake', () => minutes(3));

    // Asleep 8 hours: items arrive at the feed meanwhile.
    power.emit('suspend');
    await settled(false);
    feed.add('leads', 5);
    clock.advance(8 * HOUR);
    const feedRunsBefore = fired(polled.id);
    const feedRequestsBefore = feed.requests('leads');
    resumes = [];
    await phase('resume', async () => {
      power.emit('resume');
      await settled(true);
    });
    const resumedWith = resumes.slice();
    if (resumedWith.length !== 1 || resumedWith[0] !== clock.ms)
      failures.push(`scheduler.resume was called ${resumedWith.length} times (want once, at now)`);
    const feedFired = fired(polled.id) - feedRunsBefore;
    const feedPolls = feed.requests('leads') - feedRequestsBefore;
    if (feedFired !== 5) failures.push(`the feed fired ${feedFired} of the 5 items that arrived`);
    if (feedPolls !== 1) failures.push(`the feed was polled ${feedPolls} times on resume (want 1)`);
    await phase('awake after', () => minutes(3));

    // The clock is set back an hour (the jump detector calls resume(now)); one workflow of each
    // interval is saved meanwhile, which makes the poller look at it at once.
    const highWater = clock.ms;
    clock.advance(-HOUR);
    let backward: Record<string, unknown> = {};
    await phase('clock set back 1 h', async () => {
      for (const s of schedules.filter((x) => x.policy === 'run_all'))
        await invoke(engine, 'workflows:save', {
          id: s.id,
          name: `${s.key} (renamed)`,
          definition: (await invoke<Workflow>(engine, 'workflows:get', { id: s.id })).definition,
        });
      resumes = [];
      power.emit('lock-screen');
      await settled(false);
      power.emit('unlock-screen');
      await settled(true);
      // Walk back up past where the clock was, and past the next hour.
      const until = Math.ceil((highWater + MINUTE) / HOUR) * HOUR + MINUTE;
      await minutes(Math.ceil((until - clock.ms) / MINUTE));
      backward = { from: new Date(highWater).toISOString(), walkedTo: clock.now().toISOString() };
    });

    const count = (sql: string) => engine.db.prepare(sql).pluck().get() as number;
    const duplicates = count(
      'SELECT count(*) FROM (SELECT 1 FROM runs GROUP BY workflow_id, trigger_item_id HAVING count(*) > 1)',
    );
    // A time computed again and stopped only by dedupe: a double fire the cursor should prevent.
    const refired = count(
      `SELECT count(*) FROM trigger_ledger WHERE outcome = 'duplicate' AND item_id LIKE 'schedule-%'`,
    );
    const unfinished = count(
      "SELECT count(*) FROM runs WHERE state NOT IN ('succeeded', 'failed', 'cancelled')",
    );
    if (duplicates > 0) failures.push(`${duplicates} scheduled times ran twice`);
    if (refired > 0)
      failures.push(`${refired} scheduled times were fired again (dedupe stopped them)`);
    if (unfinished > 0) failures.push(`${unfinished} runs unfinished`);
    const figures = {
      path: 'powerMonitor suspend/resume → wirePowerEvents → createBackgroundControl → scheduler.resume(now); poller and dispatcher in-thread on an injected clock',
      sleptHours: 8,
      clockSetBackHours: 1,
      backward,
      policies: perSchedule,
      polling: { itemsArrivedAsleep: 5, fired: feedFired, pollsOnResume: feedPolls },
      duplicates,
      refired,
      unfinished,
    };
    opts.log(`duplicates ${duplicates}, refired ${refired}, failures ${failures.length}`);
    return { figures, targetsMet: failures.length === 0, failures };
  } finally {
    engine.close();
    await feed.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const sleep: Scenario = { name: 'sleep', run: runSleep };
