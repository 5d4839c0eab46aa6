import { create } from 'zustand';
import type { Workflow } from '@shared/workflow/schema';
import { api, toApiError, unwrap } from '../api/client';
import { reportError } from './notices';

export type CanvasStatus = 'loading' | 'ready' | 'not_found' | 'failed';

interface CanvasState {
  workflowId: string | null;
  workflow: Workflow | null;
  status: CanvasStatus;
  /** Opens a workflow on the canvas; reopening the same one refreshes it in place. */
  open: (id: string) => Promise<void>;
  /** The engine said this workflow changed or went away. */
  onWorkflowChanged: (id: string) => void;
}

let latestOpen = 0;

export const useCanvasStore = create<CanvasState>()((set, get) => ({
  workflowId: null,
  workflow: null,
  status: 'loading',

  open: async (id) => {
    const ticket = ++latestOpen;
    if (get().workflowId !== id) set({ workflowId: id, workflow: null, status: 'loading' });
    try {
      const workflow = unwrap(await api.call('workflows:get', { id }));
      if (ticket === latestOpen) set({ workflow, status: 'ready' });
    } catch (caught) {
      if (ticket !== latestOpen) return;
      const error = toApiError(caught);
      // A malformed id cannot name a workflow either: both read as "not found" to the user.
      if (error.code === 'not_found' || error.code === 'invalid_input') {
        set({ workflow: null, status: 'not_found' });
        return;
      }
      if (get().status !== 'ready') set({ status: 'failed' });
      reportError(error, 'Could not open the workflow');
    }
  },

  onWorkflowChanged: (id) => {
    if (get().workflowId === id) void get().open(id);
  },
}));
