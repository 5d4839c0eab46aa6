import { create } from 'zustand';
import type { RunFilter } from '@shared/runs';
import { EMPTY_FILTER, toRunFilter, type RunFilterForm } from './run-filters';

interface RunsViewState {
  form: RunFilterForm;
  /** The engine's filter for `form`; a time range counts back from when the form was set. */
  filter: RunFilter;
  setForm: (form: RunFilterForm) => void;
  /** Opens the list on one workflow's runs in some states (e.g. from Health: "3 failed runs"). */
  showWorkflowRuns: (workflowId: string, states?: RunFilterForm['states']) => void;
}

const withFilter = (form: RunFilterForm) => ({ form, filter: toRunFilter(form, Date.now()) });

/** The Runs page's filters, kept while the user opens a run and comes back. */
export const useRunsViewStore = create<RunsViewState>()((set) => ({
  ...withFilter(EMPTY_FILTER),
  setForm: (form) => set(withFilter(form)),
  showWorkflowRuns: (workflowId, states = []) =>
    set(withFilter({ ...EMPTY_FILTER, workflowId, states })),
}));
