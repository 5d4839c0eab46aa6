import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Workflow } from '@shared/workflow/schema';
import type { EngineInternals } from '../index';
import { useEngines } from '../../../test/support/engine';
import { call } from '../../../test/support/run-harness';
import { useTempDir } from '../../../test/support/temp-dir';
import { chain, manualTrigger } from '../../../test/support/workflows';
import { startBackground } from './background';

const tempDir = useTempDir('switchyard-runs-at-once-');
const openEngine = useEngines();
const cleanups: (() => Promise<void>)[] = [];
// Stopping real worker threads waits for their batch: on a loaded 2-core box that passes 10 s.
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const logger = { debug() {}, info() {}, warn() {}, error() {} };

async function waitFor(check: () => boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(50);
  }
}

/**
 * A sink that counts the deliveries it holds at once. It holds each one until `expected` are in
 * flight together (or a few seconds pass), then 50 ms more: a dispatcher running more than
 * `expected` at once sends the extra ones meanwhile, and the count shows it.
 */
async function startCountingSink() {
  let inFlight = 0;
  let expected = 1;
  const waiting = new Set<() => void>();
  const phase = { most: 0, delivered: [] as string[] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      inFlight++;
      phase.most = Math.max(phase.most, inFlight);
      const answer = () => {
        waiting.delete(release);
        clearTimeout(giveUp);
        setTimeout(() => {
          inFlight--;
          phase.delivered.push(
            String((JSON.parse(Buffer.concat(chunks).toString()) as { item: unknown }).item),
          );
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        }, 50);
      };
      const release = () => answer();
      const giveUp = setTimeout(answer, 5_000);
      waiting.add(release);
      if (inFlight >= expected) for (const r of [...waiting]) r();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/deliveries`,
    /** Starts counting anew, expecting `n` deliveries at once. */
    expect(n: number) {
      expected = n;
      phase.most = 0;
      phase.delivered = [];
      return phase;
    },
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

/** An enabled workflow whose one action POSTs `{ item: n }` to the sink. */
async function deliveryWorkflow(engine: EngineInternals, url: string): Promise<string> {
  const saved = await call<Workflow>(engine, 'workflows:save', {
    name: 'Deliver',
    definition: chain(manualTrigger(), [
      {
        id: 'deliver',
        type: 'action',
        connector: 'http',
        operation: 'request',
        connection: null,
        position: { x: 0, y: 0 },
        config: {
          method: 'POST',
          url,
          bodyType: 'json',
          body: { item: '{{trigger.n}}' },
          sendIdempotencyKey: true,
          timeoutSeconds: 30,
        },
      },
    ]),
  });
  await call(engine, 'workflows:enable', { id: saved.id });
  return saved.id;
}

/** Queues runs of items `from`…`to` in one transaction, so the dispatcher claims one batch. */
function queueRuns(engine: EngineInternals, workflowId: string, from: number, to: number) {
  const items = [];
  for (let n = from; n <= to; n++) items.push({ id: `item-${n}`, data: { n } });
  engine.workflowEngine.queue.accept({ workflowId, items });
}

describe('the "Runs at once" setting', () => {
  it('bounds how many runs the background executes at once, and a change applies without a restart', async () => {
    const sink = await startCountingSink();
    cleanups.push(() => sink.close());
    const engine = openEngine(tempDir());
    const workflowId = await deliveryWorkflow(engine, sink.url);
    const succeeded = () =>
      engine.db
        .prepare(`SELECT count(*) FROM runs WHERE state = 'succeeded'`)
        .pluck()
        .get() as number;

    await call(engine, 'settings:set', { runsAtOnce: 1 });
    let phase = sink.expect(1);
    queueRuns(engine, workflowId, 1, 8);
    const background = await startBackground(engine, logger);
    cleanups.push(() => background.stop());
    await waitFor(() => succeeded() === 8, 60_000);
    expect(phase.most).toBe(1);
    // One at a time, in the order they were queued.
    expect(phase.delivered).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);

    // Changed while the background runs: the next batch uses it.
    await call(engine, 'settings:set', { runsAtOnce: 3 });
    phase = sink.expect(3);
    queueRuns(engine, workflowId, 9, 20);
    await waitFor(() => succeeded() === 20, 60_000);
    expect(phase.most).toBe(3);
    expect(new Set(phase.delivered).size).toBe(12);
  }, 120_000);

  it('is overridden for one process by the background option (the CLI flag)', async () => {
    const sink = await startCountingSink();
    cleanups.push(() => sink.close());
    const engine = openEngine(tempDir());
    const workflowId = await deliveryWorkflow(engine, sink.url);
    await call(engine, 'settings:set', { runsAtOnce: 1 });
    const phase = sink.expect(2);
    queueRuns(engine, workflowId, 1, 8);
    const background = await startBackground(engine, logger, { runsAtOnce: 2 });
    cleanups.push(() => background.stop());
    await waitFor(() => phase.delivered.length === 8, 60_000);
    expect(phase.most).toBe(2);
  }, 120_000);
});
