import type { RunDetail } from '@shared/runs';
import type { WorkflowDefinition } from '@shared/workflow/schema';
import type { WorkflowProblem } from '@shared/workflow/validate';
import type { BadgeTone } from '../../components/Badge';
import { allNodes } from './definition';

/**
 * What a node card's badge says, as a plain string so a card re-renders only when it changes:
 * `problems:<n>:<tone>`, `unconfigured`, or `run:<step state>`; '' for nothing to say.
 */
export type NodeStatus = string;

export function nodeStatuses(
  def: WorkflowDefinition,
  problems: readonly WorkflowProblem[],
  lastRun: RunDetail | null,
): Map<string, NodeStatus> {
  const byNode = new Map<string, WorkflowProblem[]>();
  for (const p of problems) {
    if (p.nodeId === null) continue;
    const list = byNode.get(p.nodeId);
    if (list) list.push(p);
    else byNode.set(p.nodeId, [p]);
  }
  // The last attempt of each step is what the run ended with.
  const runStates = new Map<string, string>();
  for (const step of lastRun?.steps ?? []) runStates.set(step.stepId, step.state);
  const statuses = new Map<string, NodeStatus>();
  for (const node of allNodes(def)) {
    const own = byNode.get(node.id) ?? [];
    const serious = own.filter((p) => p.severity !== 'incomplete');
    if (serious.length > 0) {
      const tone = serious.some((p) => p.severity === 'error') ? 'danger' : 'warning';
      statuses.set(node.id, `problems:${own.length}:${tone}`);
    } else if (own.length > 0) {
      statuses.set(node.id, 'unconfigured');
    } else if (runStates.has(node.id)) {
      statuses.set(node.id, `run:${runStates.get(node.id)}`);
    } else if (node.type === 'trigger' && lastRun) {
      // A run that started had the trigger's item.
      statuses.set(node.id, 'run:succeeded');
    }
  }
  return statuses;
}

const RUN_LABELS: Record<string, { label: string; tone: BadgeTone }> = {
  succeeded: { label: 'Last run ok', tone: 'success' },
  reused: { label: 'Last run ok', tone: 'success' },
  dry_run: { label: 'Last run ok · dry run', tone: 'success' },
  failed: { label: 'Last run failed', tone: 'danger' },
  filtered: { label: 'Last run stopped here', tone: 'info' },
  skipped: { label: 'Skipped last run', tone: 'neutral' },
  waiting: { label: 'Waiting', tone: 'info' },
};

/** The badge of a status, or null for none. */
export function statusBadge(status: NodeStatus): { label: string; tone: BadgeTone } | null {
  if (!status) return null;
  if (status === 'unconfigured') return { label: 'Not configured', tone: 'warning' };
  const [kind, a, b] = status.split(':');
  if (kind === 'problems') {
    const n = Number(a);
    return { label: n === 1 ? '1 problem' : `${n} problems`, tone: b as BadgeTone };
  }
  return RUN_LABELS[a ?? ''] ?? null;
}
