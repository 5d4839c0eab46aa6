/**
 * Disk: the database on a nearly full filesystem. A webhook workflow (webhook → sink over HTTP)
 * takes deliveries while the dispatcher runs them; the filesystem is filled; deliveries, a
 * contract call and the dispatcher's commits must be refused cleanly (disk_full), nothing
 * committed may be lost, and once the filler is deleted the refused deliveries (retried by
 * their sender, as a 503 asks) and new ones must all be delivered, without a restart.
 */
import Database from 'better-sqlite3';
import type { Workflow } from '@shared/workflow/schema';
import { createEngine, DATABASE_FILE, type EngineInternals } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { startLoopbackServer } from '../../electron/engine/server/http-server';
import { startBackground } from '../../electron/engine/scheduler/background';
import type { Logger } from '../../electron/engine/types';
import { sinkConnector } from '../crash/sink-connector';
import { sinkFigures, startSink } from '../crash/sink-server';
import type { ChaosOptions, Scenario, ScenarioResult } from './scenario';
import { FilesystemKind, smallFilesystem, type SmallFilesystem } from './disk-filesystem';
import { join } from 'node:path';

const FINAL = "('succeeded', 'failed', 'cancelled')";

interface Sizes {
  before: number;
  /** Accepted while the dispatcher is paused, just before the disk fills. */
  pending: number;
  refusalsWanted: number;
  maxAttemptsWhileFull: number;
  after: number;
  settleMs: number;
}

const SIZES: Record<'short' | 'full', Sizes> = {
  short: {
    before: 30,
    pending: 20,
    refusalsWanted: 10,
    maxAttemptsWhileFull: 3000,
    after: 20,
    settleMs: 30_000,
  },
  full: {
    before: 300,
    pending: 100,
    refusalsWanted: 50,
    maxAttemptsWhileFull: 20_000,
    after: 200,
    settleMs: 120_000,
  },
};

/** A logger that keeps what the engine said about the full disk. */
function recordingLogger(log: (line: string) => void) {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const line = `${level} ${message} ${fields ? JSON.stringify(fields) : ''}`;
    lines.push(line);
    if (level === 'error' && lines.length <= 3) log(`engine said: ${line.slice(0, 200)}`);
  };
  const logger: Logger = { debug() {}, info() {}, warn: keep('warn'), error: keep('error') };
  return { logger, lines };
}

/** The engine's dispatcher job, in this thread: drain, and on a failure log it and go on. */
function dispatcherLoop(engine: EngineInternals, logger: Logger, failures: string[]) {
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      try {
        await engine.workflowEngine.queue.drain({ batchSize: 50, concurrency: 4 });
      } catch (error) {
        const coded = error as { code?: string; message?: string };
        failures.push(`${coded.code ?? 'uncoded'}: ${coded.message ?? String(error)}`);
        logger.warn(`dispatcher: ${coded.code ?? ''}: ${coded.message ?? String(error)}`);
      }
      await new Promise((wait) => setTimeout(wait, 20));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

/**
 * The real background workers (Bree threads, each with its own SQLite connection) with the sink
 * connector loaded by path. What a job reports failing reaches the logger as `<job>: <error>`.
 */
async function workerDispatch(
  engine: EngineInternals,
  logger: Logger,
  failures: string[],
  starts: string[],
) {
  const jobLogger: Logger = {
    ...logger,
    warn(message, fields) {
      // `runner/dispatcher: disk_full: …` (job/loop: code: message).
      const job = /^[a-z]+(?:\/[a-z]+)?: ([\s\S]*)$/.exec(message);
      if (job) failures.push(job[1]!);
      logger.warn(message, fields);
    },
  };
  const background = await startBackground(engine, jobLogger, {
    connectorsModule: join(import.meta.dirname, 'disk-sink-module.ts'),
    superviseEvery: '2s',
    // A worker that died is started again by Bree's supervisor: a second 'ready' is a crash.
    onMessage: (_job, message) => {
      if (typeof message === 'object' && message.type === 'ready') starts.push(message.job);
    },
  });
  return { stop: () => background.stop() };
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((wait) => setTimeout(wait, 50));
  }
  return true;
}

export async function runDisk(
  opts: ChaosOptions,
  fs: SmallFilesystem = smallFilesystem({
    mount: !opts.short,
    notMounting: 'short mode does not mount (npm test must not need root)',
    from: FilesystemKind.optional().parse(process.env.CHAOS_DISK_FS),
  }),
): Promise<ScenarioResult> {
  const sizes = SIZES[opts.short ? 'short' : 'full'];
  opts.log(`filesystem: ${fs.kind}${fs.why ? ` (${fs.why})` : ''}`);
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String(error));
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  const sink = await startSink();
  const { logger, lines } = recordingLogger(opts.log);
  const engine = createEngine({
    dataDir: fs.dataDir,
    keyring: createKeyFileKeyring(fs.dataDir),
    connectors: sinkConnector(sink.url),
    logger,
  });
  // What the app told the operator (the renderer's banner and the Health page follow these).
  const storageSaid: string[] = [];
  engine.onEvent((event) => {
    if (event.type === 'storage.changed') storageSaid.push(event.storage.state);
  });
  const server = await startLoopbackServer({
    engine,
    staticDir: null,
    token: 'chaos-disk-unused-token-0123456789',
    port: 0,
    logger,
  });
  const dispatcherFailures: string[] = [];
  // max_page_count binds one connection: only an in-thread dispatcher shares the engine's.
  const useWorkers =
    fs.kind !== 'sqlite-max-page-count' && process.env.CHAOS_DISK_DISPATCH !== 'thread';
  process.env.CHAOS_SINK_URL = sink.url;
  const workerStarts: string[] = [];
  let dispatchStarts = 0;
  const startDispatch = async () => {
    dispatchStarts++;
    return useWorkers
      ? await workerDispatch(engine, logger, dispatcherFailures, workerStarts)
      : dispatcherLoop(engine, logger, dispatcherFailures);
  };
  let dispatcher = await startDispatch();
  const failures: string[] = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await dispatcher.stop();
    await server.close();
    engine.close();
  };
  try {
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const result = await engine.invoke(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    };
    const saved = await call<Workflow>('workflows:save', {
      name: 'Disk chaos',
      definition: {
        trigger: {
          id: 'trigger',
          type: 'trigger',
          connector: 'webhook_in',
          operation: 'receive',
          position: { x: 0, y: 0 },
          config: { verification: 'none', idHeader: 'x-delivery-id' },
        },
        steps: [
          {
            id: 'send',
            type: 'action',
            connector: 'sink',
            operation: 'send',
            connection: null,
            position: { x: 240, y: 0 },
            config: { item: '{{trigger.body.n}}' },
          },
        ],
        edges: [{ id: 'e1', source: 'trigger', target: 'send' }],
      },
    });
    await call('workflows:enable', { id: saved.id });
    const endpoint = await call<{ path: string }>('triggers:endpoint', { workflowId: saved.id });
    const hookUrl = `http://127.0.0.1:${server.port}${endpoint.path}`;
    const padding = 'p'.repeat(500 + (opts.seed % 1500));

    const accepted = new Set<number>();
    const refused: number[] = [];
    const unclean: string[] = [];
    const deliver = async (n: number): Promise<'accepted' | 'refused'> => {
      const response = await fetch(hookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-delivery-id': `item-${n}` },
        body: JSON.stringify({ n, padding }),
      });
      const text = await response.text();
      if (response.status === 202) {
        accepted.add(n);
        return 'accepted';
      }
      const body = JSON.parse(text || '{}') as { code?: string };
      if (
        response.status === 503 &&
        body.code === 'disk_full' &&
        response.headers.get('retry-after')
      ) {
        return 'refused';
      }
      unclean.push(`item ${n}: ${response.status} ${text.slice(0, 200)}`);
      return 'refused';
    };
    const deliverAll = async (items: number[]) => {
      let next = 0;
      const results = new Map<number, 'accepted' | 'refused'>();
      const worker = async () => {
        while (next < items.length) {
          const n = items[next++]!;
          results.set(n, await deliver(n));
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      return results;
    };
    const count = (sql: string, ...args: unknown[]) =>
      engine.db
        .prepare(sql)
        .pluck()
        .get(...args) as number;
    const unfinished = () => count(`SELECT count(*) FROM runs WHERE state NOT IN ${FINAL}`);

    // Before: everything is delivered.
    let n = 0;
    await deliverAll(Array.from({ length: sizes.before }, () => ++n));
    await until(() => unfinished() === 0, sizes.settleMs);
    opts.log(`before: ${accepted.size} accepted, ${sink.received.length} delivered`);

    // Runs accepted but not yet executed when the disk fills: the dispatcher meets it.
    await dispatcher.stop();
    await deliverAll(Array.from({ length: sizes.pending }, () => ++n));
    // Full: deliveries go on until enough are refused.
    fs.fill(engine.db);
    dispatcher = await startDispatch();
    let attempts = 0;
    while (refused.length < sizes.refusalsWanted && attempts < sizes.maxAttemptsWhileFull) {
      const batch = Array.from({ length: 8 }, () => ++n);
      attempts += batch.length;
      for (const [item, outcome] of await deliverAll(batch))
        if (outcome === 'refused') refused.push(item);
    }
    const apiWhileFull = await engine.invoke('workflows:save', {
      name: 'Saved while the disk is full',
      definition: {
        trigger: {
          id: 'trigger',
          type: 'trigger',
          connector: 'manual',
          operation: 'start',
          position: { x: 0, y: 0 },
          config: { sample: { padding: padding.repeat(40) } },
        },
        steps: [],
        edges: [],
      },
    });
    const apiRefused = !apiWhileFull.ok && apiWhileFull.error.code === 'disk_full';
    if (apiWhileFull.ok) opts.log('a contract call was saved while full (room was left)');
    else if (!apiRefused)
      unclean.push(`workflows:save answered ${JSON.stringify(apiWhileFull.error).slice(0, 200)}`);
    // The dispatcher has had its go at the runs accepted just before the disk filled.
    await until(() => dispatcherFailures.length > 0, useWorkers ? 30_000 : 5_000);
    const committedWhileFull = [...accepted];
    const committedBefore = committedWhileFull.length;
    const dispatcherRefusals = dispatcherFailures.filter((f) => f.startsWith('disk_full')).length;
    const dispatcherUnclean = dispatcherFailures.filter((f) => !f.startsWith('disk_full'));
    unclean.push(...dispatcherUnclean.map((f) => `dispatcher: ${f.slice(0, 200)}`));
    const stillAnswers = (await engine.invoke('app:info', {})).ok;
    opts.log(
      `full: ${refused.length} deliveries refused after ${attempts} attempts; api refused: ${apiRefused}; dispatcher refusals: ${dispatcherRefusals}`,
    );

    // Space returns: the sender retries what was refused, and new work arrives.
    fs.free();
    const retried = await deliverAll(refused);
    const retriedAccepted = [...retried.values()].filter((o) => o === 'accepted').length;
    await deliverAll(Array.from({ length: sizes.after }, () => ++n));
    const settled = await until(() => unfinished() === 0, sizes.settleMs);
    // The periodic storage check (every 5 s) ends the episode if no write did it already.
    const saidRecovered = await until(() => !engine.storage.isFull(), 15_000);
    const runsAfter = count('SELECT count(*) FROM runs');
    await close();

    // What survived, read back from the file after the engine closed.
    const db = new Database(join(fs.dataDir, DATABASE_FILE), { readonly: true });
    let integrity: string;
    let presentItems: Set<string>;
    let unfinishedAfter: number;
    try {
      integrity = db.pragma('integrity_check', { simple: true }) as string;
      presentItems = new Set(
        db.prepare('SELECT trigger_item_id FROM runs').pluck().all() as string[],
      );
      unfinishedAfter = db
        .prepare(`SELECT count(*) FROM runs WHERE state NOT IN ${FINAL}`)
        .pluck()
        .get() as number;
    } finally {
      db.close();
    }
    const committedAfter = committedWhileFull.filter((i) => presentItems.has(`item-${i}`)).length;
    const sinkSaw = sinkFigures(sink.received);
    const deliveredItems = new Set(sink.received.map((d) => d.item));
    const undelivered = [...accepted].filter((i) => !deliveredItems.has(String(i)));
    const saidDiskFull = lines.filter((l) => /disk is full|disk_full/.test(l)).length;

    const writesRefused = refused.length + (apiRefused ? 1 : 0) + dispatcherRefusals;
    const figures = {
      filesystem: fs.kind,
      filesystemNote: fs.why,
      dispatcher: useWorkers
        ? 'background worker threads (Bree), each with its own connection'
        : 'in-process (the dispatcher job’s drain loop)',
      workerRestarts: useWorkers
        ? workerStarts.filter((j) => j === 'runner').length - dispatchStarts
        : 0,
      writesRefused,
      refusedBy: {
        webhook: refused.length,
        api: apiRefused ? 1 : 0,
        dispatcher: dispatcherRefusals,
      },
      uncleanRefusals: unclean.length,
      logLinesSayingDiskFull: saidDiskFull,
      /** storage.changed events: 'full' when the disk filled, 'ok' when room came back. */
      appSaid: storageSaid.join(' → '),
      committedBefore,
      committedAfter,
      lostCommitted: committedBefore - committedAfter,
      deferredRetried: refused.length,
      deferredAccepted: retriedAccepted,
      runs: runsAfter,
      delivered: deliveredItems.size,
      undelivered: undelivered.length,
      duplicated: sinkSaw.duplicated,
      redeliveries: sinkSaw.redeliveries,
      unfinishedRuns: unfinishedAfter,
      integrity,
      recovered: settled && retriedAccepted === refused.length && undelivered.length === 0,
      crashed:
        crashes.length > 0 ||
        !stillAnswers ||
        (useWorkers && workerStarts.filter((j) => j === 'runner').length > dispatchStarts),
    };
    if (writesRefused === 0) failures.push('no write was refused: the disk never filled');
    if (refused.length === 0)
      failures.push('no webhook delivery was refused while the disk was full');
    if (unclean.length > 0) failures.push(`unclean refusals: ${unclean.slice(0, 3).join(' | ')}`);
    if (saidDiskFull === 0) failures.push('the log never said the disk was full');
    if (storageSaid[0] !== 'full') failures.push('the app never said the disk was full');
    if (!saidRecovered || storageSaid.at(-1) !== 'ok')
      failures.push(`the app did not say room came back (it said: ${storageSaid.join(', ')})`);
    if (figures.lostCommitted !== 0) failures.push(`${figures.lostCommitted} committed runs lost`);
    if (!figures.recovered)
      failures.push(
        `not recovered: settled ${settled}, retried ${retriedAccepted}/${refused.length}, undelivered ${undelivered.length}`,
      );
    if (figures.crashed)
      failures.push(`crashed: ${crashes.slice(0, 2).join(' | ') || 'stopped answering'}`);
    if (figures.duplicated !== 0)
      failures.push(`${figures.duplicated} items delivered under two keys`);
    if (unfinishedAfter !== 0) failures.push(`${unfinishedAfter} runs without a final state`);
    if (integrity !== 'ok') failures.push(`integrity_check: ${integrity}`);
    return { figures, targetsMet: failures.length === 0, failures };
  } finally {
    await close().catch(() => undefined);
    await sink.close();
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    fs.cleanup();
  }
}

export const disk: Scenario = { name: 'disk', run: (opts) => runDisk(opts) };
