import type { RunFilter } from '@shared/runs';
import type { RunState } from '@shared/workflow/states';

export type TimeRange = 'any' | '1h' | '24h' | '7d' | '30d';

/** What the filter bar shows; turned into the engine's RunFilter by `toRunFilter`. */
export interface RunFilterForm {
  states: RunState[];
  workflowId: string | null;
  connectionId: string | null;
  range: TimeRange;
  text: string;
  includeTests: boolean;
}

export const EMPTY_FILTER: RunFilterForm = {
  states: [],
  workflowId: null,
  connectionId: null,
  range: 'any',
  text: '',
  includeTests: true,
};

const RANGE_MS: Record<Exclude<TimeRange, 'any'>, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

export const RANGE_LABELS: Record<TimeRange, string> = {
  any: 'Any time',
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};

/** The engine's filter for a form: only the parts that narrow anything, text trimmed. */
export function toRunFilter(form: RunFilterForm, now: number): RunFilter {
  const filter: RunFilter = { includeTests: form.includeTests };
  if (form.workflowId) filter.workflowId = form.workflowId;
  if (form.connectionId) filter.connectionId = form.connectionId;
  if (form.states.length > 0) filter.states = [...form.states];
  if (form.range !== 'any') filter.from = new Date(now - RANGE_MS[form.range]).toISOString();
  const text = form.text.trim().slice(0, 200);
  if (text) filter.text = text;
  return filter;
}

export function isFiltered(form: RunFilterForm): boolean {
  return (
    form.states.length > 0 ||
    form.workflowId !== null ||
    form.connectionId !== null ||
    form.range !== 'any' ||
    form.text.trim() !== '' ||
    !form.includeTests
  );
}
