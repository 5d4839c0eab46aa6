import { create } from 'zustand';
import { toApiError } from '../api/errors';
import { errorText } from '../lib/error-text';
import { useStorageStore } from './storage';

export interface Notice {
  id: number;
  /** What the user was doing: "Could not delete “Invoices”". */
  title: string;
  summary: string;
  detail: string | null;
  issues: string[];
}

interface NoticesState {
  notices: Notice[];
  /** Shows an error until the user dismisses it; the same error twice is shown once. */
  report: (error: unknown, title: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useNoticesStore = create<NoticesState>()((set) => ({
  notices: [],
  report: (error, title) => {
    const text = errorText(error);
    set((state) => {
      const repeated = state.notices.some(
        (n) => n.title === title && n.summary === text.summary && n.detail === text.detail,
      );
      if (repeated) return state;
      return { notices: [...state.notices, { id: nextId++, title, ...text }] };
    });
  },
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
}));

export const reportError = (error: unknown, title: string) => {
  useNoticesStore.getState().report(error, title);
  // The banner says so too, even if the engine's storage event was missed.
  if (toApiError(error).code === 'disk_full') void useStorageStore.getState().load();
};
