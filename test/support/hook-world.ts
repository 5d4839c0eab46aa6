import { afterEach } from 'vitest';
import type { EngineInternals } from '../../electron/engine';
import { startLoopbackServer, type LoopbackServer } from '../../electron/engine/server/http-server';
import { silentLogger } from '../../electron/engine/types';
import type { Clock } from '../../electron/engine/types';
import { useEngines } from './engine';
import { useTempDir } from './temp-dir';

type TriggerInput = { connector: string; operation: string; config: Record<string, unknown> };

/**
 * A data directory, an engine and its loopback server (webhooks and forms only), with helpers
 * to make an enabled workflow behind a webhook or form trigger. Everything is closed after
 * each test.
 */
export function useHookWorld() {
  const tempDir = useTempDir();
  const openEngine = useEngines();
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  return async function world(options: { dir?: string; clock?: Clock; port?: number } = {}) {
    const dir = options.dir ?? tempDir();
    const engine: EngineInternals = openEngine(dir, { clock: options.clock });
    const server = await startLoopbackServer({
      engine,
      staticDir: null,
      token: 'unused-token-0123456789',
      port: options.port ?? 0,
      logger: silentLogger,
    });
    servers.push(server);
    const base = `http://127.0.0.1:${server.port}`;

    async function call<T>(channel: string, input: unknown): Promise<T> {
      const result = await engine.invoke(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as T;
    }

    /** Saves and enables trigger → debug step; returns the workflow id and its endpoint URL. */
    async function workflow(trigger: TriggerInput, settings: Record<string, unknown> = {}) {
      const saved = await call<{ id: string }>('workflows:save', {
        name: 'Incoming',
        definition: {
          trigger: { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, ...trigger },
          steps: [
            {
              id: 'record',
              type: 'action',
              connector: 'debug',
              operation: 'record',
              position: { x: 240, y: 0 },
              config: { record: '{{trigger}}' },
            },
          ],
          edges: [{ id: 'e1', source: 'trigger', target: 'record' }],
          settings,
        },
      });
      await call('workflows:enable', { id: saved.id });
      const endpoint = await call<{ path: string; localUrl: string }>('triggers:endpoint', {
        workflowId: saved.id,
      });
      return { id: saved.id, url: `${base}${endpoint.path}`, path: endpoint.path };
    }

    const runsOf = (workflowId: string) =>
      engine.db
        .prepare(
          `SELECT r.id, r.state, r.trigger_item_id AS itemId, i.trigger_data AS data
             FROM runs r JOIN run_inputs i ON i.run_id = r.id WHERE r.workflow_id = ? ORDER BY r.id`,
        )
        .all(workflowId) as { id: number; state: string; itemId: string; data: string }[];
    const ledgerOf = (workflowId: string) =>
      engine.db
        .prepare(
          'SELECT item_id AS itemId, outcome, reason, run_id AS runId FROM trigger_ledger WHERE workflow_id = ? ORDER BY id',
        )
        .all(workflowId) as {
        itemId: string;
        outcome: string;
        reason: string;
        runId: number | null;
      }[];

    return { dir, engine, server, base, call, workflow, runsOf, ledgerOf };
  };
}
