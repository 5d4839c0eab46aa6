import { useCallback, useEffect, useRef, useState } from 'react';
import type { OverviewStats, StatsRange } from '@shared/runs';
import type { WorkflowSummary } from '@shared/workflow/schema';
import { api, unwrap } from '../api/client';
import { reportError } from '../stores/notices';
import { workflowHealth, type WorkflowHealthRow } from './health-model';

export interface HealthData {
  overview: OverviewStats;
  rows: WorkflowHealthRow[];
}

const REFRESH_THROTTLE_MS = 1000;

/**
 * One workflow's row; null when the workflow was deleted between the list and this call (its
 * figures answer `not_found`), so a delete while Health is open drops the row instead of failing
 * the whole page.
 */
async function loadRow(w: WorkflowSummary, range: StatsRange): Promise<WorkflowHealthRow | null> {
  const [stats, last] = await Promise.all([
    api.call('stats:workflow', { id: w.id, range }),
    api.call('runs:list', {
      workflowId: w.id,
      states: ['succeeded', 'failed'],
      includeTests: false,
      limit: 1,
    }),
  ]);
  if (!stats.ok && stats.error.code === 'not_found') return null;
  const lastState = last.ok ? (last.value.runs[0]?.state ?? null) : null;
  const value = unwrap(stats);
  return {
    id: w.id,
    name: w.name,
    health: workflowHealth(w.state, lastState),
    stateReason: w.stateReason,
    stats: value,
    lastErrorStep: value.lastError?.step ? await stepName(w.id, value.lastError.step) : null,
  };
}

/** Every listed workflow's row, without those deleted while the rows were loading. */
export async function loadRows(
  workflows: readonly WorkflowSummary[],
  range: StatsRange,
): Promise<WorkflowHealthRow[]> {
  const rows = await Promise.all(workflows.map((w) => loadRow(w, range)));
  return rows.filter((row): row is WorkflowHealthRow => row !== null);
}

/** The name the operator gave a step, for "Fix step “Add to CRM”"; its id when it has none. */
async function stepName(workflowId: string, stepId: string): Promise<string> {
  const workflow = await api.call('workflows:get', { id: workflowId });
  if (!workflow.ok) return stepId;
  const node = workflow.value.definition.steps.find((s) => s.id === stepId);
  return node?.name ?? stepId;
}

/** The overview and every workflow's figures for a range, refreshed as runs and states change. */
export function useHealth(range: StatsRange) {
  const [data, setData] = useState<HealthData | null>(null);
  const [failed, setFailed] = useState(false);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const [overview, workflows] = await Promise.all([
        api.call('stats:overview', { range }).then(unwrap),
        api.call('workflows:list', {}).then(unwrap),
      ]);
      const rows = await loadRows(workflows, range);
      if (ticket !== latest.current) return;
      setData({ overview, rows });
      setFailed(false);
    } catch (error) {
      if (ticket !== latest.current) return;
      setFailed(true);
      reportError(error, 'Could not load the health figures');
    }
  }, [range]);

  useEffect(() => {
    const first = async () => load();
    void first();
    let timer: number | null = null;
    const unsubscribe = api.onEvent((event) => {
      if (
        !['runs.changed', 'workflow.state', 'workflow.saved', 'workflow.deleted'].includes(
          event.type,
        )
      )
        return;
      if (timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        void load();
      }, REFRESH_THROTTLE_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [load]);

  return { data, failed, reload: load };
}
