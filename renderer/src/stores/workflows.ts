import { create } from 'zustand';
import { emptyDefinition, type Workflow, type WorkflowSummary } from '@shared/workflow/schema';
import { api, unwrap } from '../api/client';
import { nextUntitledName } from '../lib/untitled-name';
import { reportError } from './notices';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

interface WorkflowsState {
  workflows: WorkflowSummary[];
  status: LoadStatus;
  load: () => Promise<void>;
  /** Creates an empty "Untitled workflow" (numbered if taken); null when it failed. */
  create: () => Promise<Workflow | null>;
  rename: (id: string, name: string) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
}

const byMostRecent = (a: WorkflowSummary, b: WorkflowSummary) =>
  b.updatedAt.localeCompare(a.updatedAt);

const summaryOf = ({ definition, ...rest }: Workflow): WorkflowSummary => ({
  ...rest,
  stepCount: definition.steps.length,
});

const upsert = (list: WorkflowSummary[], saved: Workflow) =>
  [...list.filter((w) => w.id !== saved.id), summaryOf(saved)].sort(byMostRecent);

// Only the newest load may write the list: an older answer arriving late is dropped.
let latestLoad = 0;

export const useWorkflowsStore = create<WorkflowsState>()((set, get) => ({
  workflows: [],
  status: 'idle',

  load: async () => {
    const ticket = ++latestLoad;
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const workflows = unwrap(await api.call('workflows:list', {}));
      if (ticket === latestLoad)
        set({ workflows: [...workflows].sort(byMostRecent), status: 'ready' });
    } catch (error) {
      if (ticket !== latestLoad) return;
      if (get().status !== 'ready') set({ status: 'failed' });
      reportError(error, 'Could not load your workflows');
    }
  },

  create: async () => {
    const name = nextUntitledName(get().workflows.map((w) => w.name));
    try {
      const saved = unwrap(
        await api.call('workflows:save', { name, description: '', definition: emptyDefinition() }),
      );
      set((state) => ({ workflows: upsert(state.workflows, saved) }));
      return saved;
    } catch (error) {
      reportError(error, 'Could not create a workflow');
      return null;
    }
  },

  rename: async (id, name) => {
    try {
      const saved = unwrap(await api.call('workflows:save', { id, name }));
      set((state) => ({ workflows: upsert(state.workflows, saved) }));
      return true;
    } catch (error) {
      reportError(error, `Could not rename the workflow to “${name}”`);
      return false;
    }
  },

  remove: async (id) => {
    const name = get().workflows.find((w) => w.id === id)?.name ?? 'the workflow';
    try {
      unwrap(await api.call('workflows:delete', { id }));
      set((state) => ({ workflows: state.workflows.filter((w) => w.id !== id) }));
      return true;
    } catch (error) {
      reportError(error, `Could not delete “${name}”`);
      return false;
    }
  },
}));
