import type { ConnectorErrorCode } from '../../shared/connectors/errors';
import { callApi, waitFor, type ServedEngine } from './http-api';
import { chain, debugStep, manualTrigger } from './workflows';

export interface FailingWorkflowOptions {
  name: string;
  /** How the "Add to CRM" step fails; null makes it succeed. */
  failWith?: ConnectorErrorCode | null;
  /** Pause after this many failed runs in a row (0: never). */
  pauseAfterFailures?: number;
}

/** A manual-trigger workflow whose one action ("Add to CRM", a Debug step) fails on purpose. */
export function crmDefinition(options: Omit<FailingWorkflowOptions, 'name'>) {
  const { failWith = 'invalid_input', pauseAfterFailures = 0 } = options;
  return chain(
    manualTrigger({ email: 'ada@example.com', name: 'Ada Lovelace' }),
    [
      {
        ...debugStep('crm', {
          record: { email: '{{trigger.email}}' },
          ...(failWith ? { failWith } : {}),
        }),
        name: 'Add to CRM',
      },
    ],
    { pauseAfterFailures },
  );
}

/** Saves and enables the workflow; returns its id. */
export async function createCrmWorkflow(
  app: ServedEngine,
  options: FailingWorkflowOptions,
): Promise<string> {
  const saved = await callApi(app, 'workflows:save', {
    name: options.name,
    description: '',
    definition: crmDefinition(options),
  });
  await callApi(app, 'workflows:enable', { id: saved.id });
  return saved.id;
}

/** Saves the workflow again without the failure, as an operator fixing it would. */
export async function fixCrmWorkflow(app: ServedEngine, id: string): Promise<void> {
  const current = await callApi(app, 'workflows:get', { id });
  await callApi(app, 'workflows:save', {
    id,
    name: current.name,
    definition: crmDefinition({ failWith: null }),
    expectedVersion: current.version,
  });
}

/** Starts `n` real runs by hand, with the given trigger items (cycled), and waits until all finished. */
export async function runAndSettle(
  app: ServedEngine,
  id: string,
  n: number,
  items: Record<string, unknown>[] = [{ email: 'ada@example.com', name: 'Ada Lovelace' }],
): Promise<void> {
  for (let i = 0; i < n; i++)
    await callApi(app, 'workflows:run', { id, item: items[i % items.length]! });
  await waitFor(async () => {
    const { count } = await callApi(app, 'runs:count', {
      workflowId: id,
      states: ['queued', 'running', 'retrying', 'interrupted'],
    });
    return count === 0;
  }, `the runs of ${id} to finish`);
}
