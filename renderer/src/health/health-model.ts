import type { RunState, WorkflowState } from '@shared/workflow/states';
import type { RunStats, WorkflowStats } from '@shared/runs';
import type { BadgeTone } from '../components/Badge';

/** How a workflow is doing: its own state, or "failing" when it is active but its last run failed. */
export type WorkflowHealth = WorkflowState | 'failing';

export const HEALTH_LABELS: Record<WorkflowHealth, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  failing: { label: 'Failing', tone: 'danger' },
  on_hold: { label: 'On hold', tone: 'warning' },
  paused: { label: 'Paused', tone: 'danger' },
  disabled: { label: 'Disabled', tone: 'neutral' },
  draft: { label: 'Draft', tone: 'neutral' },
};

/** The order rows are listed in: what needs the operator first. */
export const HEALTH_ORDER: WorkflowHealth[] = [
  'failing',
  'paused',
  'on_hold',
  'active',
  'disabled',
  'draft',
];

export function workflowHealth(
  state: WorkflowState,
  lastFinished: RunState | null,
): WorkflowHealth {
  if (state === 'active' && lastFinished === 'failed') return 'failing';
  return state;
}

export const totalRuns = (stats: RunStats) =>
  Object.values(stats.byState).reduce((sum, n) => sum + n, 0);

export interface WorkflowHealthRow {
  id: string;
  name: string;
  health: WorkflowHealth;
  stateReason: string | null;
  stats: WorkflowStats;
  /** The name of the step of the last error, when there is one. */
  lastErrorStep: string | null;
}

export function sortRows(rows: WorkflowHealthRow[]): WorkflowHealthRow[] {
  return [...rows].sort(
    (a, b) =>
      HEALTH_ORDER.indexOf(a.health) - HEALTH_ORDER.indexOf(b.health) ||
      b.stats.byState.failed - a.stats.byState.failed ||
      a.name.localeCompare(b.name),
  );
}

export const formatRate = (rate: number | null) =>
  rate === null ? '—' : `${(rate * 100).toFixed(rate >= 0.995 || rate === 0 ? 0 : 1)}%`;
