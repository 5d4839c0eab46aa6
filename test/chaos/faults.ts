/**
 * Faults: the engine (in this process, its background worker running) takes webhook POSTs and
 * polls a Sheets tab while the sink and the Google emulator answer a seeded 30% of calls with
 * 429 + Retry-After, 500, 503, timeouts and dropped connections, or do the work and then drop
 * the connection, answer 500 or hold the answer past the client's timeout. Mid-run the Google
 * token expires and its refresh answers invalid_grant: the Sheets workflow goes on hold until
 * the connection is reconnected through the engine's API, then the held work resumes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../electron/engine';
import { startBackground } from '../../electron/engine/scheduler/background';
import { HTTP_TIMEOUT_ENV } from '../../electron/engine/http/timeout-setting';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { startOnKeptPort } from '../../electron/engine/server/kept-port';
import type { Logger } from '../../electron/engine/types';
import { startSink } from '../crash/sink-server';
import { injectedError } from '../emulators/google/errors';
import { startGoogleEmulator } from '../emulators/google/server';
import { signInToEmulator } from '../emulators/google/sign-in';
import { deliveryFigures } from './delivery-figures';
import { createFaultInjector, retryAfterHonoured, type FaultKind } from './fault-injector';
import type { ChaosOptions, Scenario, ScenarioResult } from './scenario';
import { startWebhookSender } from './webhook-sender';
import { appendRows, buildChaosWorld, SHEET_TAB, type ChaosWorld } from './world';

export interface FaultSizes {
  hooks: number;
  rows: number;
  hooksPerSecond: number;
  /** Share of sink and emulator calls that fail. */
  rate: number;
}
export const FULL_FAULTS: FaultSizes = { hooks: 1_000, rows: 200, hooksPerSecond: 20, rate: 0.3 };
export const SHORT_FAULTS: FaultSizes = { hooks: 150, rows: 50, hooksPerSecond: 15, rate: 0.3 };

const RETRY_AFTER_SEC = 1;
/** The engine's per-request timeout here, for Google calls and the sink step alike. */
const CLIENT_TIMEOUT_MS = 2_000;
/** A timeout fault holds the request this long: the client gives up first. */
const HOLD_MS = 4_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline)
      throw new Error(`chaos faults: ${what} within ${timeoutMs} ms`);
    await pause(100);
  }
}

export async function runFaults(opts: ChaosOptions, sizes: FaultSizes): Promise<ScenarioResult> {
  const { log } = opts;
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-chaos-faults-'));
  const failures: string[] = [];
  const warnings: string[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (message) => void warnings.push(message),
    error: (message) => void warnings.push(message),
  };
  const sinkFaults = createFaultInjector({
    seed: opts.seed,
    rate: sizes.rate,
    retryAfterSec: RETRY_AFTER_SEC,
    holdMs: HOLD_MS,
    body: (status) => ({ error: `injected ${status}` }),
  });
  const emuFaults = createFaultInjector({
    seed: opts.seed + 1,
    rate: sizes.rate,
    retryAfterSec: RETRY_AFTER_SEC,
    holdMs: HOLD_MS,
    body: (status) => injectedError(status).toBody(),
  });
  let faultsOn = false;
  let watched = '';
  /** Emulator writes (appends) applied whose answer was then dropped, 500 or held. */
  let emuAppliedWrites = 0;
  const pollAttempts: { key: string; at: number; retryAfterSec?: number }[] = [];
  const emu = await startGoogleEmulator({
    readsPerMinutePerUser: 100_000,
    writesPerMinutePerUser: 100_000,
    intercept: (req, res) => {
      if (!faultsOn) return false;
      const at = performance.now();
      const fault = emuFaults.inject(req, res);
      // Only the trigger reads the watched spreadsheet: its requests show the poller's waits.
      if (watched && req.url?.includes(watched))
        pollAttempts.push({ key: 'poll', at, retryAfterSec: fault?.retryAfterSec });
      if (!fault?.failAnswer) return fault !== null;
      if (req.method !== 'GET') emuAppliedWrites++;
      return { failAnswer: fault.failAnswer };
    },
  });
  const sink = await startSink({ fault: (req, res) => sinkFaults.inject(req, res) });
  // Read when the engine and its worker threads start (they inherit the environment).
  const timeoutBefore = process.env[HTTP_TIMEOUT_ENV];
  process.env[HTTP_TIMEOUT_ENV] = String(CLIENT_TIMEOUT_MS);
  const engine = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir), logger });
  let background: Awaited<ReturnType<typeof startBackground>> | null = null;
  let server: Awaited<ReturnType<typeof startOnKeptPort>> | null = null;
  let sender: ReturnType<typeof startWebhookSender> | null = null;
  try {
    const world = await buildChaosWorld(engine, emu, {
      sinkUrl: sink.url,
      sinkTimeoutSeconds: CLIENT_TIMEOUT_MS / 1000,
      copyRows: true,
      settings: {
        pollIntervalSeconds: 1,
        // The most the policy allows: a copy makes several calls, each failing 30% of the time.
        retry: { maxRetries: 20, baseDelayMs: 200, maxDelayMs: 2_000 },
      },
    });
    watched = world.spreadsheetId;
    server = await startOnKeptPort(engine, { staticDir: null, logger });
    background = await startBackground(engine, logger);
    const baselined = () =>
      Boolean(
        engine.db
          .prepare('SELECT baseline_at FROM trigger_state WHERE workflow_id = ?')
          .pluck()
          .get(world.sheetWorkflowId),
      );
    await waitFor('the Sheets trigger took its baseline', baselined, 60_000);
    faultsOn = true;
    log(`faults on: ${Math.round(sizes.rate * 100)}% of sink and emulator calls`);

    const hookUrl = `http://127.0.0.1:${server.port}${world.hookPath}`;
    sender = startWebhookSender({
      url: () => hookUrl,
      total: sizes.hooks,
      perSecond: sizes.hooksPerSecond,
    });
    let rowsAppended = 0;
    let held = false;
    let resumed = false;
    const stateOf = () => engine.repos.workflows.get(world.sheetWorkflowId)?.state;
    const rowsDone = (async () => {
      while (rowsAppended < sizes.rows) {
        const due = Math.min(sizes.rows, Math.ceil((sender!.sent() / sizes.hooks) * sizes.rows));
        if (due > rowsAppended) {
          appendRows(emu, world, rowsAppended + 1, due);
          rowsAppended = due;
        }
        await pause(50);
      }
    })();

    // Mid-run the access token ends early and its one refresh is refused (invalid_grant).
    await waitFor('half the rows were appended', () => rowsAppended >= sizes.rows / 2, 10 * 60_000);
    emu.control.expireAccessTokens();
    emu.control.failRefreshes(1);
    log('token expired; its refresh will answer invalid_grant');
    await waitFor('the Sheets workflow went on hold', () => stateOf() === 'on_hold', 120_000);
    held = true;
    const connection = engine.repos.connections.get(world.connectionId);
    log(`on hold (connection ${connection?.status}); reconnecting in 2 s`);
    await pause(2_000); // rows keep arriving while it waits
    const reconnected = await signInToEmulator(engine, emu, { id: world.connectionId });
    resumed =
      reconnected.status === 'succeeded' &&
      (reconnected.resumedWorkflows ?? []).includes(world.sheetWorkflowId);
    if (!resumed)
      failures.push(`the reconnect did not resume the workflow: ${JSON.stringify(reconnected)}`);
    log(
      `reconnected: ${reconnected.status}, resumed ${JSON.stringify(reconnected.resumedWorkflows)}`,
    );

    await Promise.all([sender.done, rowsDone]);
    const expected = new Set<string>();
    for (const n of sender.figures.acknowledged) expected.add(`hook-${n}`);
    for (let n = 1; n <= rowsAppended; n++) expected.add(`row-r-${n}`);
    const unfinished = engine.db
      .prepare("SELECT count(*) FROM runs WHERE state NOT IN ('succeeded', 'failed', 'cancelled')")
      .pluck();
    let lastCount = -1;
    let stillSince = performance.now();
    for (;;) {
      const distinct = new Set(sink.received.map((d) => d.item)).size;
      if (distinct >= expected.size && (unfinished.get() as number) === 0) break;
      if (sink.received.length !== lastCount) {
        lastCount = sink.received.length;
        stillSince = performance.now();
      } else if (performance.now() - stillSince > 60_000) {
        failures.push(`no progress for 60 s with ${distinct}/${expected.size} items delivered`);
        break;
      }
      await pause(250);
    }

    // The engine's record of each sink step: how often it was tried, and when it was done.
    const steps = new Map(
      (
        engine.db
          .prepare(
            `SELECT idempotency_key AS key, count(*) AS attempts,
                    max(CASE WHEN state = 'succeeded' THEN finished_at END) AS succeededAt
               FROM run_steps WHERE step_id = 'deliver' GROUP BY idempotency_key`,
          )
          .all() as { key: string; attempts: number; succeededAt: number | null }[]
      ).map((r) => [r.key, { attempts: r.attempts, succeededAt: r.succeededAt ?? undefined }]),
    );
    const figures = deliveryFigures(expected, sink.received, undefined, (key) => steps.get(key));
    const copies = emu.control
      .truth(world.outSpreadsheetId!, SHEET_TAB)
      .slice(1)
      .map((r) => String(r.values[0]));
    const copied = new Set(copies);
    const copiesMissing = rowsAppended - [...copied].filter((id) => /^r-\d+$/.test(id)).length;
    const copiesDoubled = copies.length - copied.size;
    const sinkRetryAfter = retryAfterHonoured(sink.attempts);
    const pollRetryAfter = retryAfterHonoured(pollAttempts);
    const count = (sql: string) => engine.db.prepare(sql).pluck().get() as number;
    const retries = count("SELECT count(*) FROM run_steps WHERE state = 'failed'");
    const pollErrors = count("SELECT count(*) FROM poll_log WHERE outcome = 'error'");
    // The HTTP layer's own timeout ("No answer within … ms"), as the engine recorded it.
    const clientTimeouts =
      count(
        "SELECT count(*) FROM run_steps WHERE state = 'failed' AND error LIKE '%No answer within%'",
      ) + count("SELECT count(*) FROM poll_log WHERE error LIKE '%No answer within%'");
    const timeoutFaults =
      sinkFaults.counts.timeout +
      sinkFaults.counts.applied_then_slow +
      emuFaults.counts.timeout +
      emuFaults.counts.applied_then_slow;
    const runsWithoutFinalState = unfinished.get() as number;
    const failedRuns = count("SELECT count(*) FROM runs WHERE state = 'failed'");
    const injected = (counts: Record<FaultKind, number>) => ({
      ...counts,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
    });

    if (figures.lost > 0)
      failures.push(`lost ${figures.lost}: ${figures.examples.lost.join(', ')}`);
    if (figures.duplicated > 0)
      failures.push(`duplicated ${figures.duplicated}: ${figures.examples.duplicated.join(', ')}`);
    if (copiesMissing > 0) failures.push(`${copiesMissing} rows never copied to the other sheet`);
    if (copiesDoubled > 0) failures.push(`${copiesDoubled} rows copied twice`);
    for (const v of [...sinkRetryAfter.violations, ...pollRetryAfter.violations].slice(0, 5))
      failures.push(`Retry-After not honoured: ${v}`);
    if (!held || !resumed) failures.push('the workflow was not held and then resumed');
    if (timeoutFaults > 0 && clientTimeouts === 0)
      failures.push(`${timeoutFaults} requests held past the client's timeout, none timed out`);
    if (runsWithoutFinalState > 0) failures.push(`${runsWithoutFinalState} runs unfinished`);
    if (failedRuns > 0) {
      const errors = engine.db
        .prepare(
          "SELECT r.retries, s.step_id, s.error FROM runs r JOIN run_steps s ON s.run_id = r.id WHERE r.state = 'failed' AND s.state = 'failed' ORDER BY s.id DESC LIMIT 3",
        )
        .all()
        .map((row) => JSON.stringify(row));
      failures.push(`${failedRuns} runs failed: ${errors.join('; ')}`);
    }
    if (sizes.hooks - sender.figures.acknowledged.size > 0)
      failures.push(
        `${sizes.hooks - sender.figures.acknowledged.size} webhook POSTs never acknowledged`,
      );
    return {
      figures: {
        items: expected.size,
        delivered: figures.delivered,
        lost: figures.lost,
        duplicated: figures.duplicated,
        // Stored (or appended), then the answer failed: the engine retried with the same key.
        appliedThenFailed: {
          sink: figures.unanswered,
          googleWrites: emuAppliedWrites,
          total: figures.unanswered + emuAppliedWrites,
        },
        sameKeyRepeats:
          figures.repeatsAfterLostAnswer + figures.repeatsAfterClientFailure + figures.redeliveries,
        // Of those, the sink had answered but the engine's timeout had already fired.
        repeatsAfterAnsweredTimeout: figures.repeatsAfterClientFailure,
        copiedRows: copied.size,
        retries,
        pollErrors,
        clientTimeouts,
        // Held requests whose connection the client closed before the hold ended.
        abandonedHolds: { sink: sinkFaults.clientGaveUp(), emulator: emuFaults.clientGaveUp() },
        retryAfterHonoured:
          sinkRetryAfter.violations.length === 0 && pollRetryAfter.violations.length === 0,
        retryAfterChecks: sinkRetryAfter.checked + pollRetryAfter.checked,
        heldThenResumed: held && resumed,
        runsWithoutFinalState,
        faultsAtSink: injected(sinkFaults.counts),
        faultsAtEmulator: injected(emuFaults.counts),
        sinkCalls: sink.attempts.length,
        seconds: Math.round((performance.now() - started) / 100) / 10,
      },
      targetsMet: failures.length === 0,
      failures:
        failures.length > 0
          ? [...failures, diagnose(engine, world), ...warnings.slice(-5)]
          : failures,
    };
  } finally {
    await sender?.stop();
    sinkFaults.close();
    emuFaults.close();
    await server?.close();
    await background?.stop();
    engine.close();
    await sink.close();
    await emu.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (timeoutBefore === undefined) delete process.env[HTTP_TIMEOUT_ENV];
    else process.env[HTTP_TIMEOUT_ENV] = timeoutBefore;
  }
}

/** Where the work stands, for a failed run's report: states, holds, the trigger's last polls. */
function diagnose(engine: ReturnType<typeof createEngine>, world: ChaosWorld): string {
  const all = (sql: string, ...params: unknown[]) => engine.db.prepare(sql).all(...params);
  return JSON.stringify({
    workflows: all('SELECT id, state FROM workflows'),
    connection: engine.repos.connections.get(world.connectionId)?.status,
    runs: all(
      `SELECT workflow_id, state, hold_connection, count(*) AS n, min(due_at) AS firstDue
         FROM runs GROUP BY workflow_id, state, hold_connection`,
    ),
    trigger: all('SELECT * FROM trigger_state WHERE workflow_id = ?', world.sheetWorkflowId),
    polls: all(
      'SELECT started_at, seen, fired, outcome, substr(error, 1, 160) AS error FROM poll_log WHERE workflow_id = ? ORDER BY id DESC LIMIT 4',
      world.sheetWorkflowId,
    ),
    now: Date.now(),
  });
}

export const faults: Scenario = {
  name: 'faults',
  run: (opts) => runFaults(opts, opts.short ? SHORT_FAULTS : FULL_FAULTS),
};
