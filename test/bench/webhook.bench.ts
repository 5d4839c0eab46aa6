/**
 * `npm run bench -- webhook --json`: a loopback load generator sends 20,000 Standard-Webhooks-
 * signed requests, 50 at a time, to a workflow webhook → mapping → http.request (POST JSON) to a
 * local sink server, on the headless engine in its own process (loopback server, Bree dispatcher, real
 * database file). Every request is stored as a queued run before it is answered.
 *
 * - acceptedPerSec: requests answered 202 per second (the generator's view).
 * - ackP50Ms / ackP99Ms: time from sending a request to its answer.
 * - completedPerSec: requests per second from the first send until the sink holds every item.
 * - lost / duplicated: items that never reached the sink / reached it more than once.
 * - directPerSec (baseline, same run): the same generator POSTing straight to a sink.
 * Targets: completedPerSec ≥ 2,200, ackP99Ms ≤ 50, lost = 0, duplicated = 0.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startSink } from '../crash/sink-server';
import type { Benchmark } from './run';
import { percentile, round } from './stats';

const REQUESTS = Number(process.env.WEBHOOK_BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = 50;
const COMPLETE_TIMEOUT_MS = 180_000;
const root = join(import.meta.dirname, '../..');

function post(agent: Agent, url: URL, headers: Record<string, string>, body: string) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends `count` requests, `CONCURRENCY` at a time; returns each one's latency and status. */
async function generate(
  target: string,
  count: number,
  make: (i: number) => { headers: Record<string, string>; body: string },
) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL(target);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const { headers, body } = make(i);
        const t0 = performance.now();
        const status = await post(agent, url, headers, body);
        latencies.push(performance.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latencies, statuses, elapsedMs, started };
}

function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

const bench: Benchmark = async ({ log }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-webhook-'));
  const sink = await startSink();
  const direct = await startSink();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.WEBHOOK_BENCH_PROF
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.WEBHOOK_BENCH_PROF]
        : []),
      '--import',
      'tsx',
      join(import.meta.dirname, 'webhook-engine.ts'),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json'),
        WEBHOOK_BENCH_DATA_DIR: dataDir,
        WEBHOOK_BENCH_SINK_URL: sink.url,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const ready = await new Promise<{ url: string; secret: string }>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the engine process exited (${code})`)));
      createInterface({ input: child.stdout! }).once('line', (line) =>
        resolve(JSON.parse(line) as { url: string; secret: string }),
      );
    });
    log(`engine ready at ${ready.url}`);

    const payload = (i: number) => JSON.stringify({ n: i, email: ` Lead${i}@Example.com ` });
    const baseline = await generate(direct.url, REQUESTS, (i) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: `direct-${i}`, item: String(i) }),
    }));
    const directPerSec = REQUESTS / (baseline.elapsedMs / 1000);
    log(`direct: ${round(directPerSec, 0)}/s`);

    const timestamp = Math.floor(Date.now() / 1000);
    const load = await generate(ready.url, REQUESTS, (i) => {
      const body = payload(i);
      const id = `msg_${i}`;
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': sign(ready.secret, id, timestamp, body),
        },
      };
    });
    const accepted = load.statuses.get(202) ?? 0;
    log(
      `answered: ${JSON.stringify(Object.fromEntries(load.statuses))} in ${round(load.elapsedMs, 0)} ms`,
    );

    const deadline = Date.now() + COMPLETE_TIMEOUT_MS;
    while (new Set(sink.received.map((d) => d.item)).size < REQUESTS && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const completedMs = performance.now() - load.started;
    // A moment more, so a late duplicate would still be counted.
    await new Promise((r) => setTimeout(r, 500));
    const counts = new Map<string, number>();
    for (const d of sink.received) counts.set(d.item, (counts.get(d.item) ?? 0) + 1);
    const lost = REQUESTS - counts.size;
    const duplicated = [...counts.values()].filter((n) => n > 1).length;

    return {
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      acceptedPerSec: round(accepted / (load.elapsedMs / 1000), 0),
      ackP50Ms: round(percentile(load.latencies, 50), 2),
      ackP99Ms: round(percentile(load.latencies, 99), 2),
      completedPerSec: round((REQUESTS - lost) / (completedMs / 1000), 0),
      lost,
      duplicated,
      directPerSec: round(directPerSec, 0),
      targetsMet:
        (REQUESTS - lost) / (completedMs / 1000) >= 2200 &&
        percentile(load.latencies, 99) <= 50 &&
        lost === 0 &&
        duplicated === 0,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r).once('error', r));
    await sink.close();
    await direct.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
export default bench;
