/**
 * Crash: the headless engine (`switchyard run`, from source) takes webhook POSTs from a sender
 * and polls a Sheets tab on the emulator, delivering every item to the sink; it is SIGKILLed at
 * seeded random moments and restarted. The sender repeats any POST not acknowledged, as a real
 * one would. Figures: delivered, lost, duplicated, redeliveries, kills, runsWithoutFinalState.
 *
 * Two passes on fresh worlds with the same kill plan: `--runs-at-once 1` (one action in flight,
 * so at most one redelivery per kill: the target redeliveries ≤ kills) gives the top-level
 * figures; the default "Runs at once" (8) gives `parallel`, where a kill can resend up to 8.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_RUNS_AT_ONCE } from '@shared/settings';
import { createEngine, DATABASE_FILE } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { liveChildren, startLife, type LifeOutcome } from '../crash/engine-life';
import { startSink } from '../crash/sink-server';
import { startGoogleEmulator } from '../emulators/google/server';
import { between, seededRandom } from '../support/seeded-random';
import { deliveryFigures } from './delivery-figures';
import type { ChaosOptions, Scenario, ScenarioResult } from './scenario';
import { startWebhookSender } from './webhook-sender';
import { appendRows, buildChaosWorld } from './world';

const CLI = join(import.meta.dirname, '../../electron/cli/index.ts');
const FINAL = "('succeeded', 'failed', 'cancelled')";

export interface CrashSizes {
  hooks: number;
  rows: number;
  kills: number;
  /** Pace of the webhook sender; rows are appended in step with it. */
  hooksPerSecond: number;
  /** A kill lands this long (ms, seeded) after the life's first delivery. */
  killAfterMs: [number, number];
}

export const FULL_CRASH: CrashSizes = {
  hooks: 10_000,
  rows: 2_000,
  kills: 10,
  hooksPerSecond: 150,
  killAfterMs: [300, 5_000],
};
export const SHORT_CRASH: CrashSizes = {
  hooks: 300,
  rows: 60,
  kills: 3,
  hooksPerSecond: 25,
  killAfterMs: [300, 2_000],
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the data directory with a read-only connection (the engine may be running). */
function readDb<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const recordedKeys = (dataDir: string) =>
  readDb(
    dataDir,
    (db) =>
      new Set(
        db
          .prepare(
            "SELECT idempotency_key FROM run_steps WHERE state = 'succeeded' AND idempotency_key IS NOT NULL",
          )
          .pluck()
          .all() as string[],
      ),
  );

const unfinishedRuns = (dataDir: string) =>
  readDb(
    dataDir,
    (db) =>
      db.prepare(`SELECT count(*) FROM runs WHERE state NOT IN ${FINAL}`).pluck().get() as number,
  );

/**
 * One pass. `runsAtOnce` is passed to every life as `--runs-at-once`; null leaves the setting at
 * its default. Either way it is the most actions in flight, so the most a kill can resend.
 */
async function runCrashPass(
  opts: ChaosOptions,
  sizes: CrashSizes,
  runsAtOnce: number | null,
): Promise<ScenarioResult> {
  const { log } = opts;
  const actionsInFlight = runsAtOnce ?? DEFAULT_RUNS_AT_ONCE;
  const random = seededRandom(opts.seed);
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-chaos-crash-'));
  const emu = await startGoogleEmulator({
    readsPerMinutePerUser: 600,
    writesPerMinutePerUser: 600,
  });
  let life = 0;
  const sink = await startSink({ tag: () => life });
  const failures: string[] = [];
  const recordedAtKill: Set<string>[] = [];
  let sender: ReturnType<typeof startWebhookSender> | null = null;
  try {
    // The world is made by an engine in this process, which then lets go of the directory.
    const setup = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir) });
    const world = await buildChaosWorld(setup, emu, {
      sinkUrl: sink.url,
      settings: { pollIntervalSeconds: 1, retry: { baseDelayMs: 200, maxDelayMs: 5_000 } },
    }).finally(() => setup.close());

    let hookBase: string | null = null;
    let rowsAppended = 0;
    let baselined = false;
    const lives: { killAfterMs: number | null; ranMs: number | null; deliveries: number }[] = [];
    const stderrTail: string[] = [];
    const plan = Array.from({ length: sizes.kills }, () => between(random, ...sizes.killAfterMs));

    sender = startWebhookSender({
      url: () => hookBase,
      total: sizes.hooks,
      perSecond: sizes.hooksPerSecond,
    });
    // Rows follow the sender's progress once the trigger's first poll (the baseline) is in.
    const rowsDone = (async () => {
      while (rowsAppended < sizes.rows) {
        if (!baselined) {
          baselined = readDb(dataDir, (db) =>
            Boolean(
              db
                .prepare('SELECT baseline_at FROM trigger_state WHERE workflow_id = ?')
                .pluck()
                .get(world.sheetWorkflowId),
            ),
          );
        } else {
          const due = Math.min(sizes.rows, Math.ceil((sender!.sent() / sizes.hooks) * sizes.rows));
          if (due > rowsAppended) {
            appendRows(emu, world, rowsAppended + 1, due);
            rowsAppended = due;
          }
        }
        await pause(50);
      }
    })();

    let kills = 0;
    for (let i = 0; i <= sizes.kills; i++) {
      const last = i === sizes.kills;
      const current = startLife({
        script: CLI,
        args: [
          'run',
          '--data-dir',
          dataDir,
          ...(runsAtOnce === null ? [] : ['--runs-at-once', String(runsAtOnce)]),
        ],
        env: {},
        readyPattern: /webhooks on port (\d+)/,
        timeoutMs: last ? 30 * 60_000 : 5 * 60_000,
      });
      const ready = await current.ready;
      if (!ready) {
        const outcome = await current.outcome;
        throw new Error(`life ${i} never got ready: code ${outcome.code}\n${outcome.stderr}`);
      }
      hookBase = `http://127.0.0.1:${ready[1]}${world.hookPath}`;
      const before = sink.received.length;
      let outcome: LifeOutcome;
      if (!last) {
        // Workers take a moment to start: time the kill from this life's first delivery.
        const waitUntil = performance.now() + 60_000;
        while (sink.received.length === before && performance.now() < waitUntil) await pause(20);
        await pause(plan[i]!);
        current.child.kill('SIGKILL');
        outcome = await current.outcome;
        hookBase = null;
        if (outcome.signal !== 'SIGKILL' || outcome.timedOut)
          failures.push(`life ${i}: a planned kill did not happen (code ${outcome.code})`);
        else kills++;
        recordedAtKill.push(recordedKeys(dataDir));
        log(
          `kill ${kills}/${sizes.kills} after ${plan[i]} ms: ${sender.figures.acknowledged.size}/${sizes.hooks} hooks acknowledged, ${rowsAppended}/${sizes.rows} rows appended, ${sink.received.length} deliveries`,
        );
      } else {
        await Promise.all([sender.done, rowsDone]);
        const expectedTotal = sizes.hooks + sizes.rows;
        // Done when every item has arrived and nothing is left unfinished, or when nothing
        // has moved for a while (then what is missing is lost).
        let lastCount = -1;
        let stillSince = performance.now();
        for (;;) {
          const distinct = new Set(sink.received.map((d) => d.item)).size;
          const unfinished = unfinishedRuns(dataDir);
          if (distinct >= expectedTotal && unfinished === 0) break;
          if (sink.received.length !== lastCount) {
            lastCount = sink.received.length;
            stillSince = performance.now();
          } else if (performance.now() - stillSince > 30_000) {
            failures.push(
              `no progress for 30 s with ${distinct}/${expectedTotal} items delivered and ${unfinished} runs unfinished`,
            );
            break;
          }
          await pause(250);
        }
        current.child.kill('SIGTERM');
        outcome = await current.outcome;
      }
      lives.push({
        killAfterMs: last ? null : plan[i]!,
        ranMs: outcome.ranMs,
        deliveries: sink.received.length - before,
      });
      const errors = outcome.stderr.split('\n').filter((l) => / error /.test(l));
      stderrTail.push(...errors.slice(-3).map((l) => `life ${i}: ${l}`));
      life++;
    }

    const expected = new Set<string>();
    for (const n of sender.figures.acknowledged) expected.add(`hook-${n}`);
    for (let n = 1; n <= rowsAppended; n++) expected.add(`row-r-${n}`);
    const figures = deliveryFigures(
      expected,
      sink.received,
      (l) => (l === 0 ? new Set() : recordedAtKill[l - 1]!),
      undefined,
      actionsInFlight,
    );
    const runsWithoutFinalState = unfinishedRuns(dataDir);
    const states = readDb(dataDir, (db) =>
      db.prepare('SELECT state, count(*) AS n FROM runs GROUP BY state').all(),
    );
    const unacknowledged = sizes.hooks - sender.figures.acknowledged.size;
    if (unacknowledged > 0)
      failures.push(`${unacknowledged} webhook POSTs were never acknowledged`);
    if (rowsAppended < sizes.rows) failures.push(`only ${rowsAppended} rows were appended`);
    if (kills !== sizes.kills) failures.push(`${kills} kills happened, not ${sizes.kills}`);
    if (figures.lost > 0)
      failures.push(`lost ${figures.lost}: ${figures.examples.lost.join(', ')}`);
    if (figures.duplicated > 0)
      failures.push(`duplicated ${figures.duplicated}: ${figures.examples.duplicated.join(', ')}`);
    // Only a step in flight at a kill can be sent again: at most the runs executing at once.
    if (figures.mostRedeliveriesAtOneKill > actionsInFlight)
      failures.push(
        `one kill caused ${figures.mostRedeliveriesAtOneKill} redeliveries, more than the ${actionsInFlight} actions that can be in flight`,
      );
    // One at a time, the step in flight at a kill is the killed life's last delivery: a
    // redelivery of any other would be a step that was recorded, or counted wrongly.
    if (actionsInFlight === 1 && figures.redeliveriesNotInFlight !== 0)
      failures.push(
        `${figures.redeliveriesNotInFlight} redeliveries repeat a step that was not the last one sent before its kill`,
      );
    if (figures.redeliveries > kills * actionsInFlight)
      failures.push(
        `${figures.redeliveries} redeliveries, more than ${kills} kills × ${actionsInFlight} actions in flight`,
      );
    if (figures.unexpected > 0) failures.push(`${figures.unexpected} deliveries nobody sent`);
    if (runsWithoutFinalState > 0) failures.push(`${runsWithoutFinalState} runs unfinished`);
    if (failures.length > 0) failures.push(...stderrTail.slice(-6));
    return {
      figures: {
        items: expected.size,
        webhookItems: sender.figures.acknowledged.size,
        sheetRows: rowsAppended,
        delivered: figures.delivered,
        lost: figures.lost,
        duplicated: figures.duplicated,
        redeliveries: figures.redeliveries,
        mostRedeliveriesAtOneKill: figures.mostRedeliveriesAtOneKill,
        redeliveriesNotInFlight: figures.redeliveriesNotInFlight,
        runsAtOnce: actionsInFlight,
        kills,
        runsWithoutFinalState,
        rawDeliveries: sink.received.length,
        senderRetries: sender.figures.retries,
        acknowledgedAsDuplicate: sender.figures.acknowledgedAsDuplicate,
        runStates: states,
        lives,
        passSeconds: Math.round((performance.now() - started) / 100) / 10,
      },
      targetsMet: failures.length === 0,
      failures,
    };
  } finally {
    await sender?.stop();
    for (const child of liveChildren) child.kill('SIGKILL');
    await sink.close();
    await emu.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The crash scenario: the one-at-a-time pass (top-level figures, target redeliveries ≤ kills),
 * then, unless `parallel` is false, the default-setting pass under `parallel` (≤ 8 per kill).
 */
export async function runCrash(
  opts: ChaosOptions,
  sizes: CrashSizes,
  options: { parallel?: boolean } = {},
): Promise<ScenarioResult> {
  const started = performance.now();
  opts.log('pass 1: --runs-at-once 1');
  const sequential = await runCrashPass(opts, sizes, 1);
  const result: ScenarioResult = { ...sequential, figures: { ...sequential.figures } };
  if (options.parallel !== false) {
    opts.log(`pass 2: Runs at once left at its default (${DEFAULT_RUNS_AT_ONCE})`);
    const parallel = await runCrashPass(opts, sizes, null);
    result.figures.parallel = parallel.figures;
    result.targetsMet &&= parallel.targetsMet;
    result.failures.push(...parallel.failures.map((f) => `parallel: ${f}`));
  }
  result.figures.seconds = Math.round((performance.now() - started) / 100) / 10;
  return result;
}

export const crash: Scenario = {
  name: 'crash',
  run: (opts) => runCrash(opts, opts.short ? SHORT_CRASH : FULL_CRASH),
};
