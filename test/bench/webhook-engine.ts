/**
 * The engine process of the webhook benchmark: the headless engine with its loopback server and
 * background workers (as `serve` runs them), and one enabled workflow
 * webhook (Standard Webhooks) → mapping → http.request (POST JSON to the sink). Prints one JSON
 * line {url, secret} when ready; stops on SIGTERM.
 *
 * Run with: node --import tsx test/bench/webhook-engine.ts (TSX_TSCONFIG_PATH=tsconfig.node.json).
 */
import { createEngine } from '../../electron/engine';
import { startBackground } from '../../electron/engine/scheduler/background';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { startLoopbackServer } from '../../electron/engine/server/http-server';
import type { Logger } from '../../electron/engine/types';
import { chain, mappingStep } from '../support/workflows';

const logger: Logger = {
  debug() {},
  info() {},
  warn: (m, f) => console.error('warn', m, f ?? ''),
  error: (m, f) => console.error('error', m, f ?? ''),
};

async function call<T>(engine: ReturnType<typeof createEngine>, channel: string, input: unknown) {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

const dataDir = process.env.WEBHOOK_BENCH_DATA_DIR!;
const sinkUrl = process.env.WEBHOOK_BENCH_SINK_URL!;
const engine = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir) });
const saved = await call<{ id: string }>(engine, 'workflows:save', {
  name: 'Webhook to sink',
  definition: chain(
    {
      id: 'trigger',
      type: 'trigger',
      connector: 'webhook_in',
      operation: 'receive',
      position: { x: 0, y: 0 },
      config: { verification: 'standard' },
    },
    [
      mappingStep('map', [
        { target: 'n', source: { kind: 'path', path: 'trigger.body.n' } },
        {
          target: 'email',
          source: { kind: 'path', path: 'trigger.body.email' },
          transforms: [{ op: 'trim' }, { op: 'lowercase' }],
        },
      ]),
      {
        id: 'send',
        type: 'action',
        connector: 'http',
        operation: 'request',
        position: { x: 0, y: 0 },
        config: {
          method: 'POST',
          url: sinkUrl,
          bodyType: 'json',
          body: { key: '{{trigger.headers.webhook-id}}', item: '{{map.n}}' },
        },
      },
    ],
  ),
});
await call(engine, 'workflows:enable', { id: saved.id });
const { secret } = await call<{ secret: string }>(engine, 'triggers:secret', {
  workflowId: saved.id,
  action: 'generate',
});
const endpoint = await call<{ path: string }>(engine, 'triggers:endpoint', {
  workflowId: saved.id,
});
const server = await startLoopbackServer({
  engine,
  staticDir: null,
  token: 'bench-token-unused-0123456789',
  port: 0,
  logger,
});
const background = await startBackground(engine, logger);
console.log(JSON.stringify({ url: `http://127.0.0.1:${server.port}${endpoint.path}`, secret }));

process.on('SIGTERM', () => {
  void (async () => {
    await server.close();
    await background.stop();
    engine.close();
    process.exit(0);
  })();
});
