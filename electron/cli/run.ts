import { UserError } from '@shared/errors';
import type { RunDetail } from '@shared/runs';
import type { Logger } from '../engine/types';
import { openHeadlessEngine } from './open-engine';

export interface RunOnceReport {
  workflowId: string;
  name: string;
  runId: number;
  state: RunDetail['state'];
  error: string | null;
}

/**
 * `run <id>...`: one real run of each workflow now, in the foreground (its manual item, or
 * `item`), waiting for it to finish. A disabled workflow is refused unless `enable` is set.
 */
export async function runOnce(options: {
  dataDir: string;
  ids: string[];
  item?: Record<string, unknown>;
  enable: boolean;
  logger: Logger;
}): Promise<RunOnceReport[]> {
  const engine = openHeadlessEngine(options.dataDir, options.logger);
  const { workflowEngine } = engine;
  try {
    const reports: RunOnceReport[] = [];
    for (const id of options.ids) {
      const workflow =
        engine.repos.workflows.get(id) ??
        (() => {
          throw new UserError('not_found', `Workflow ${id} does not exist.`, { id });
        })();
      if (workflow.state !== 'active') {
        if (!options.enable) {
          throw new UserError(
            'invalid_input',
            `"${workflow.name}" (${id}) is ${workflow.state.replace('_', ' ')}: enable it in the app, or pass --enable to enable it now.`,
          );
        }
        workflowEngine.enable(id);
      }
      const runId = workflowEngine.run(id, options.item);
      await workflowEngine.queue.executeNow(runId);
      const detail = workflowEngine.get(runId);
      reports.push({
        workflowId: id,
        name: workflow.name,
        runId,
        state: detail.state,
        error: detail.error?.message ?? null,
      });
    }
    return reports;
  } finally {
    engine.close();
  }
}

export const describeRun = (r: RunOnceReport): string =>
  `"${r.name}" (${r.workflowId}): run #${r.runId} ${r.state.replace('_', ' ')}${r.error ? ` — ${r.error}` : ''}\n`;
