/**
 * The engine process the crash test kills. It opens the headless engine on CRASH_DATA_DIR,
 * makes sure the workflow manual trigger → sink.send exists and is enabled, then accepts the
 * items its trigger cursor has not accepted yet, in batches interleaved with drains, and exits 0
 * once every item is accepted and no run is unfinished. CRASH_AT=<failpoint>:<nth> makes it
 * SIGKILL itself the nth time that failpoint is hit.
 *
 * Run with: node --import tsx test/crash/engine-child.ts (TSX_TSCONFIG_PATH=tsconfig.node.json).
 */
import type { Workflow, WorkflowSummary } from '@shared/workflow/schema';
import { createEngine, type EngineInternals } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import type { Failpoint } from '../../electron/engine/types';
import { call } from '../support/call';
import { chain, manualTrigger } from '../support/workflows';
import { sinkConnector, sinkStep } from './sink-connector';

const WORKFLOW_NAME = 'Crash sink';
const FAILPOINTS: readonly Failpoint[] = ['claimed', 'action-returned', 'accept-commit'];
const FINAL_STATES = "('succeeded', 'failed', 'cancelled')";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`engine-child: ${name} is not set`);
  return value;
}

const positive = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`engine-child: ${name} is invalid`);
  return value;
};

/** `claimed:3` → SIGKILL at the third claim; absent → never. */
function failpointFrom(spec: string | undefined): ((name: Failpoint) => void) | undefined {
  if (!spec) return undefined;
  const [target, nth] = spec.split(':');
  const times = Number(nth);
  if (!FAILPOINTS.includes(target as Failpoint) || !Number.isInteger(times) || times < 1)
    throw new Error(`engine-child: CRASH_AT "${spec}" is not <failpoint>:<nth>`);
  let hits = 0;
  return (name) => {
    if (name === target && ++hits === times) process.kill(process.pid, 'SIGKILL');
  };
}

/** Finds the workflow a previous life created, or creates it; either way it ends enabled. */
async function ensureWorkflow(engine: EngineInternals): Promise<string> {
  const existing = (await call<WorkflowSummary[]>(engine, 'workflows:list', {})).find(
    (w) => w.name === WORKFLOW_NAME,
  );
  const workflow =
    existing ??
    (await call<Workflow>(engine, 'workflows:save', {
      name: WORKFLOW_NAME,
      definition: chain(manualTrigger({ n: 0 }), [sinkStep]),
    }));
  if (workflow.state !== 'active') await call(engine, 'workflows:enable', { id: workflow.id });
  return workflow.id;
}

async function main() {
  const dataDir = required('CRASH_DATA_DIR');
  const total = positive('CRASH_ITEMS', 5000);
  const acceptBatch = positive('CRASH_ACCEPT_BATCH', 100);
  const drainOptions = {
    batchSize: positive('CRASH_DRAIN_BATCH', 1),
    concurrency: positive('CRASH_CONCURRENCY', 1),
  };
  const engine = createEngine({
    dataDir,
    keyring: createKeyFileKeyring(dataDir),
    connectors: sinkConnector(required('CRASH_SINK_URL')),
    failpoint: failpointFrom(process.env.CRASH_AT),
  });
  const queue = engine.workflowEngine.queue;
  const workflowId = await ensureWorkflow(engine);
  const cursor = engine.db
    .prepare('SELECT cursor FROM trigger_state WHERE workflow_id = ?')
    .pluck()
    .get(workflowId) as string | undefined;
  let accepted = cursor ? (JSON.parse(cursor) as { accepted: number }).accepted : 0;
  process.stdout.write(`ready ${JSON.stringify({ accepted })}\n`);

  // Runs a previous life left interrupted go first, then each accepted batch is drained.
  await queue.drain(drainOptions);
  while (accepted < total) {
    const next = Math.min(total, accepted + acceptBatch);
    const items = [];
    for (let n = accepted + 1; n <= next; n++) items.push({ id: `item-${n}`, data: { n } });
    queue.accept({ workflowId, items, cursor: { value: { accepted: next } } });
    accepted = next;
    await queue.drain(drainOptions);
  }

  const unfinished = engine.db
    .prepare(`SELECT count(*) FROM runs WHERE state NOT IN ${FINAL_STATES}`)
    .pluck();
  // A run waiting for a retry is due later; wait for it rather than leave it behind.
  const deadline = Date.now() + 20_000;
  while ((unfinished.get() as number) > 0) {
    if (Date.now() > deadline) throw new Error('engine-child: runs are still unfinished');
    await new Promise((wait) => setTimeout(wait, 100));
    await queue.drain(drainOptions);
  }
  engine.close();
  process.stdout.write(`done ${JSON.stringify({ accepted })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
