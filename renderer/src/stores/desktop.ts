import { create } from 'zustand';
import type { DesktopPreferences, DesktopPreferencesPatch } from '@shared/desktop';
import { api, toApiError, unwrap } from '../api/client';
import { fieldIssues } from '../lib/error-text';
import { reportError } from './notices';

/** 'absent': the engine runs without the desktop shell (browser mode), so there is nothing to set. */
export type DesktopStatus = 'idle' | 'loading' | 'ready' | 'absent' | 'failed';

interface DesktopState {
  preferences: DesktopPreferences | null;
  status: DesktopStatus;
  /** Why the last change to quiet hours was refused, shown beside them. */
  quietHoursError: string | null;
  load: () => Promise<void>;
  /** Applies a change at once and saves it; a refused save puts the previous value back. */
  change: (patch: DesktopPreferencesPatch) => Promise<boolean>;
}

export const useDesktopStore = create<DesktopState>()((set, get) => ({
  preferences: null,
  status: 'idle',
  quietHoursError: null,

  load: async () => {
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      set({ preferences: unwrap(await api.call('desktop:get', {})), status: 'ready' });
    } catch (caught) {
      const error = toApiError(caught);
      if (error.code === 'desktop_unavailable') {
        set({ preferences: null, status: 'absent' });
        return;
      }
      if (get().status !== 'ready') set({ status: 'failed' });
      reportError(error, 'Could not load the desktop settings');
    }
  },

  change: async (patch) => {
    const before = get().preferences;
    if (!before) return false;
    set({ preferences: { ...before, ...patch }, quietHoursError: null });
    try {
      set({ preferences: unwrap(await api.call('desktop:set', patch)) });
      return true;
    } catch (caught) {
      const error = toApiError(caught);
      set({ preferences: before });
      if (error.code === 'invalid_input' && 'quietHours' in patch) {
        const issues = fieldIssues(error.details).map((i) => i.message);
        set({ quietHoursError: issues.join('; ') || error.message });
      } else {
        reportError(error, 'Could not save the desktop settings');
      }
      return false;
    }
  },
}));
