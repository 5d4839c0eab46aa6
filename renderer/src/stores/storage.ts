import { create } from 'zustand';
import type { StorageHealth } from '@shared/storage';
import { api } from '../api/client';

interface StorageState {
  /** Whether the engine can save; null until first read. */
  health: StorageHealth | null;
  load: () => Promise<void>;
  /** What a storage.changed event said. */
  receive: (health: StorageHealth) => void;
}

export const useStorageStore = create<StorageState>()((set) => ({
  health: null,
  load: async () => {
    const result = await api.call('storage:health', {});
    // Unreadable: keep what we knew; the banner is a hint, the calls' own errors still show.
    if (result.ok) set({ health: result.value });
  },
  receive: (health) => set({ health }),
}));
