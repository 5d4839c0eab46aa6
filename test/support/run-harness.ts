import { expect } from 'vitest';
import type { RunDetail } from '@shared/runs';
import type { Workflow } from '@shared/workflow/schema';
import type { EngineInternals } from '../../electron/engine';
import { manualClock, useEngines } from './engine';
import { probeConnector } from './probe-connector';
import { useTempDir } from './temp-dir';
import { call } from './call';

export { call };

export async function callError(engine: EngineInternals, channel: string, input: unknown) {
  const result = await engine.invoke(channel, input);
  expect(result.ok, `${channel} should fail`).toBe(false);
  return (result as Extract<typeof result, { ok: false }>).error;
}

/** An engine on a fresh directory with a hand-moved clock and the probe connector. */
export function useRunHarness() {
  const tempDir = useTempDir('switchyard-runs-');
  const openEngine = useEngines();
  return (options: { random?: () => number } = {}) => {
    const clock = manualClock();
    const probe = probeConnector();
    const dataDir = tempDir();
    const engine = openEngine(dataDir, {
      clock,
      connectors: probe.connectors,
      random: options.random ?? (() => 1),
    });
    const save = async (definition: unknown, enable = true) => {
      const saved = await call<Workflow>(engine, 'workflows:save', {
        name: 'Lead capture',
        definition,
      });
      if (enable) await call(engine, 'workflows:enable', { id: saved.id });
      return saved.id;
    };
    const accept = (
      workflowId: string,
      ...items: { id: string; data: Record<string, unknown> }[]
    ) => engine.workflowEngine.queue.accept({ workflowId, items });
    const drain = () => engine.workflowEngine.queue.drain();
    const run = (id: number) => call<RunDetail>(engine, 'runs:get', { id });
    return { clock, probe, engine, dataDir, save, accept, drain, run };
  };
}
