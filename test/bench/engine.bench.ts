/**
 * 20,000 manual trigger items through trigger → a 15-field mapping (12 string transforms, one
 * phone_e164, one date with a time zone, one number) → filter → the debug action, on a real
 * database file with the engine's production settings and commit path:
 *
 * - executionsPerSec: items accepted in poll-sized batches (one transaction each, durable
 *   before they count as accepted), runs claimed and executed in batches, results
 *   group-committed — what the dispatcher does.
 * - executionsPerSecOneCommitEach: the same, one item at a time (accept, claim and result each
 *   commit per run), for information.
 * - rawExecutionsPerSec (baseline): the very rows the engine wrote per execution (run, steps,
 *   ledger, dedupe key, with their payloads), read back and inserted into the same tables and
 *   indexes in a fresh file with the same pragmas, in batched transactions, with no engine code.
 * - ratio = rawExecutionsPerSec / executionsPerSec. Target: ≥ 20,000/s and ratio ≤ 5.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEngine, DATABASE_FILE, type EngineInternals } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { LEAD_FIELDS, leadData } from '../support/leads';
import { chain, debugStep, filterStep, manualTrigger, mappingStep } from '../support/workflows';
import type { Benchmark } from './run';
import { round } from './stats';

const ITEMS = 20_000;
const ONE_COMMIT_ITEMS = 5_000;
const ACCEPT_BATCH = 500;
const TARGET_PER_SEC = 20_000;
const TARGET_RATIO = 5;

const item = (i: number) => ({ id: `item-${i}`, data: leadData(i) });

function openEngine(): { engine: EngineInternals; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-engine-'));
  return { engine: createEngine({ dataDir: dir, keyring: createKeyFileKeyring(dir) }), dir };
}

async function setUp(engine: EngineInternals): Promise<string> {
  const saved = await engine.invoke('workflows:save', {
    name: 'Lead capture',
    definition: chain(manualTrigger(), [
      mappingStep('map', LEAD_FIELDS as never),
      filterStep('check', 'map.email', 'contains', '@'),
      debugStep('record', { record: '{{map}}' }),
    ]),
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const id = (saved.value as { id: string }).id;
  const enabled = await engine.invoke('workflows:enable', { id });
  if (!enabled.ok) throw new Error(enabled.error.message);
  return id;
}

function checkAllSucceeded(engine: EngineInternals, expected: number) {
  const counts = engine.db
    .prepare('SELECT state, count(*) AS n FROM runs GROUP BY state')
    .all() as { state: string; n: number }[];
  const succeeded = counts.find((c) => c.state === 'succeeded')?.n ?? 0;
  if (succeeded !== expected)
    throw new Error(`expected ${expected} succeeded runs, got ${JSON.stringify(counts)}`);
}

async function grouped(items: ReturnType<typeof item>[]) {
  const { engine, dir } = openEngine();
  const workflowId = await setUp(engine);
  const start = process.hrtime.bigint();
  for (let i = 0; i < items.length; i += ACCEPT_BATCH) {
    engine.workflowEngine.queue.accept({ workflowId, items: items.slice(i, i + ACCEPT_BATCH) });
    await engine.workflowEngine.queue.drain({ batchSize: ACCEPT_BATCH });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  checkAllSucceeded(engine, items.length);
  return { engine, dir, seconds };
}

async function oneCommitEach(items: ReturnType<typeof item>[]) {
  const { engine, dir } = openEngine();
  const workflowId = await setUp(engine);
  const start = process.hrtime.bigint();
  for (const one of items) {
    engine.workflowEngine.queue.accept({ workflowId, items: [one] });
    await engine.workflowEngine.queue.drain({ batchSize: 1 });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  checkAllSucceeded(engine, items.length);
  engine.close();
  rmSync(dir, { recursive: true, force: true });
  return seconds;
}

/** Inserts the engine's own rows into a fresh copy of its tables, with no engine code. */
function raw(
  source: Database.Database,
  executions: number,
): { seconds: number; bytesPerExecution: number } {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-raw-'));
  const db = new Database(join(dir, 'raw.db'));
  try {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const tables = ['runs', 'run_inputs', 'run_steps', 'trigger_ledger', 'dedupe_keys'];
    const ddl = source
      .prepare(
        `SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(',')})
          ORDER BY type = 'index'`,
      )
      .pluck()
      .all(...tables) as string[];
    for (const sql of ddl) db.exec(sql.replace(/REFERENCES \w+ \(id\) ON DELETE CASCADE/g, ''));
    const rows = Object.fromEntries(
      tables.map((t) => [
        t,
        source
          .prepare(`SELECT * FROM ${t} ORDER BY ${t === 'dedupe_keys' ? 'run_id' : 'rowid'}`)
          .raw()
          .all() as unknown[][],
      ]),
    ) as Record<string, unknown[][]>;
    const bytes = tables.reduce((sum, t) => sum + JSON.stringify(rows[t]).length, 0);
    const inserts = Object.fromEntries(
      tables.map((t) => {
        const width = rows[t]![0]!.length;
        return [t, db.prepare(`INSERT INTO ${t} VALUES (${Array(width).fill('?').join(',')})`)];
      }),
    );
    const perExecution = (t: string) => rows[t]!.length / executions;
    const start = process.hrtime.bigint();
    for (let i = 0; i < executions; i += ACCEPT_BATCH) {
      const end = Math.min(executions, i + ACCEPT_BATCH);
      db.transaction(() => {
        for (const t of tables) {
          const k = perExecution(t);
          for (const row of rows[t]!.slice(Math.round(i * k), Math.round(end * k)))
            inserts[t]!.run(row);
        }
      })();
    }
    return {
      seconds: Number(process.hrtime.bigint() - start) / 1e9,
      bytesPerExecution: bytes / executions,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const engineBench: Benchmark = async ({ log }) => {
  const items = Array.from({ length: ITEMS }, (_, i) => item(i));
  // A short warm-up so the JIT has seen the code paths in both measurements alike.
  const warm = await grouped(items.slice(0, 1000));
  warm.engine.close();
  rmSync(warm.dir, { recursive: true, force: true });

  const { engine, dir, seconds } = await grouped(items);
  const dbFile = join(dir, DATABASE_FILE);
  const source = new Database(dbFile, { readonly: true });
  const baseline = raw(source, ITEMS);
  source.close();
  engine.close();
  rmSync(dir, { recursive: true, force: true });
  // BENCH_ONLY_GROUPED=1 skips the one-commit-each pass (for profiling the grouped path alone).
  const oneEachSeconds = process.env.BENCH_ONLY_GROUPED
    ? NaN
    : await oneCommitEach(items.slice(0, ONE_COMMIT_ITEMS));

  const executionsPerSec = Math.round(ITEMS / seconds);
  const rawExecutionsPerSec = Math.round(ITEMS / baseline.seconds);
  const ratio = round(rawExecutionsPerSec / executionsPerSec);
  log(`engine: ${ITEMS} items, trigger → 15-field mapping → filter → debug action`);
  log(
    `  rawExecutionsPerSec           ${rawExecutionsPerSec}  (baseline: the same rows, bare inserts, ${Math.round(baseline.bytesPerExecution)} B/execution)`,
  );
  log(`  executionsPerSec              ${executionsPerSec}  (target ≥ ${TARGET_PER_SEC})`);
  log(
    `  executionsPerSecOneCommitEach ${Math.round(ONE_COMMIT_ITEMS / oneEachSeconds)}  (${ONE_COMMIT_ITEMS} items, for information)`,
  );
  log(`  ratio                         ${ratio}  (target ≤ ${TARGET_RATIO})`);
  return {
    items: ITEMS,
    executionsPerSec,
    executionsPerSecOneCommitEach: Math.round(ONE_COMMIT_ITEMS / oneEachSeconds),
    rawExecutionsPerSec,
    ratio,
    meetsTarget: executionsPerSec >= TARGET_PER_SEC && ratio <= TARGET_RATIO,
  };
};

export default engineBench;
