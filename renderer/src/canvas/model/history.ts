import type { WorkflowDefinition } from '@shared/workflow/schema';

export interface History {
  past: WorkflowDefinition[];
  future: WorkflowDefinition[];
  /** The last change's burst: changes with the same key within BURST_MS make one entry. */
  burst: { key: string; at: number } | null;
}

export const HISTORY_LIMIT = 200;
export const BURST_MS = 1200;

export const emptyHistory = (): History => ({ past: [], future: [], burst: null });

/** The history after a change away from `before`; `burstKey` merges it with the last change. */
export function recordChange(
  history: History,
  before: WorkflowDefinition,
  burstKey: string | null,
  now: number,
): History {
  const last = history.burst;
  if (burstKey && last && last.key === burstKey && now - last.at < BURST_MS) {
    return { ...history, future: [], burst: { key: burstKey, at: now } };
  }
  return {
    past: [...history.past.slice(-(HISTORY_LIMIT - 1)), before],
    future: [],
    burst: burstKey ? { key: burstKey, at: now } : null,
  };
}

export function undo(
  history: History,
  current: WorkflowDefinition,
): { history: History; definition: WorkflowDefinition } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    definition: previous,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], burst: null },
  };
}

export function redo(
  history: History,
  current: WorkflowDefinition,
): { history: History; definition: WorkflowDefinition } | null {
  const [next, ...rest] = history.future;
  if (!next) return null;
  return {
    definition: next,
    history: { past: [...history.past, current], future: rest, burst: null },
  };
}
