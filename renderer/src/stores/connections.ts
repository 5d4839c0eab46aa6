import { create } from 'zustand';
import type { ConnectionHealth, ConnectionSummary } from '@shared/ipc/contract';
import { api, unwrap } from '../api/client';
import { reportError } from './notices';
import type { LoadStatus } from './workflows';

interface ConnectionsState {
  connections: ConnectionSummary[];
  /** Health by connection id (state with expiry and rate limits, usage today, scopes). */
  health: Record<string, ConnectionHealth>;
  status: LoadStatus;
  load: () => Promise<void>;
  /** A connection just created or changed, shown at once (the list reloads on the event too). */
  saved: (connection: ConnectionSummary) => void;
  remove: (id: string) => Promise<boolean>;
}

let latestLoad = 0;

export const useConnectionsStore = create<ConnectionsState>()((set, get) => ({
  connections: [],
  health: {},
  status: 'idle',

  load: async () => {
    const ticket = ++latestLoad;
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const [listed, checked] = await Promise.all([
        api.call('connections:list', {}),
        api.call('connections:health', {}).catch(() => null),
      ]);
      const connections = unwrap(listed);
      // Health refines the stored status; without it the list still shows, with that status.
      const health = checked?.ok
        ? Object.fromEntries(checked.value.map((h) => [h.id, h]))
        : get().health;
      if (ticket === latestLoad) set({ connections, health, status: 'ready' });
    } catch (error) {
      if (ticket !== latestLoad) return;
      if (get().status !== 'ready') set({ status: 'failed' });
      reportError(error, 'Could not load your connections');
    }
  },

  saved: (connection) => {
    set((state) => {
      const others = state.connections.filter((c) => c.id !== connection.id);
      const connections = [...others, connection].sort((a, b) => a.name.localeCompare(b.name));
      return { connections };
    });
    void get().load();
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

/** The health state of a connection: the engine's, or its stored status until health loads. */
export const healthStateOf = (
  connection: ConnectionSummary,
  health: ConnectionHealth | undefined,
): ConnectionHealth['state'] => health?.state ?? connection.status;
