import { create } from 'zustand';
import type { ConnectionSummary } from '@shared/ipc/contract';
import { api, unwrap } from '../api/client';
import { reportError } from './notices';
import type { LoadStatus } from './workflows';

interface ConnectionsState {
  connections: ConnectionSummary[];
  status: LoadStatus;
  load: () => Promise<void>;
  remove: (id: string) => Promise<boolean>;
}

let latestLoad = 0;

export const useConnectionsStore = create<ConnectionsState>()((set, get) => ({
  connections: [],
  status: 'idle',

  load: async () => {
    const ticket = ++latestLoad;
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const connections = unwrap(await api.call('connections:list', {}));
      if (ticket === latestLoad) set({ connections, status: 'ready' });
    } catch (error) {
      if (ticket !== latestLoad) return;
      if (get().status !== 'ready') set({ status: 'failed' });
      reportError(error, 'Could not load your connections');
    }
  },

  remove: async (id) => {
    const name = get().connections.find((c) => c.id === id)?.name ?? 'the connection';
    try {
      unwrap(await api.call('connections:delete', { id }));
      set((state) => ({ connections: state.connections.filter((c) => c.id !== id) }));
      return true;
    } catch (error) {
      reportError(error, `Could not delete “${name}”`);
      return false;
    }
  },
}));
