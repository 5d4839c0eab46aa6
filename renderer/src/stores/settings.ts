import { create } from 'zustand';
import type { AppInfo } from '@shared/ipc/contract';
import type { SettingKey, Settings, SettingsPatch } from '@shared/settings';
import { api, toApiError, unwrap } from '../api/client';
import { fieldIssues } from '../lib/error-text';
import { reportError } from './notices';
import type { LoadStatus } from './workflows';

type FieldErrors = Partial<Record<SettingKey, string>>;

interface SettingsState {
  settings: Settings | null;
  appInfo: AppInfo | null;
  status: LoadStatus;
  /** Why the last change to a field was refused, shown next to that field. */
  fieldErrors: FieldErrors;
  load: () => Promise<void>;
  /** Saves a change; true when the engine accepted it. */
  change: (patch: SettingsPatch) => Promise<boolean>;
  /** Applies the theme at once and saves it; a refused save puts the previous theme back. */
  chooseTheme: (theme: Settings['theme']) => Promise<void>;
}

const keysOf = (patch: SettingsPatch) => Object.keys(patch) as SettingKey[];

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: null,
  appInfo: null,
  status: 'idle',
  fieldErrors: {},

  load: async () => {
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const [settings, appInfo] = await Promise.all([
        api.call('settings:get', {}).then(unwrap),
        api.call('app:info', {}).then(unwrap),
      ]);
      set({ settings, appInfo, status: 'ready' });
    } catch (error) {
      if (get().status !== 'ready') set({ status: 'failed' });
      reportError(error, 'Could not load the settings');
    }
  },

  change: async (patch) => {
    const cleared = { ...get().fieldErrors };
    keysOf(patch).forEach((key) => delete cleared[key]);
    set({ fieldErrors: cleared });
    try {
      const settings = unwrap(await api.call('settings:set', patch));
      set({ settings });
      return true;
    } catch (caught) {
      const error = toApiError(caught);
      if (error.code !== 'invalid_input') {
        reportError(error, 'Could not save the settings');
        return false;
      }
      const fieldErrors: FieldErrors = { ...cleared };
      const issues = fieldIssues(error.details);
      for (const key of keysOf(patch)) {
        const mine = issues.filter((i) => i.field === key || i.field === null);
        fieldErrors[key] = mine.map((i) => i.message).join('; ') || error.message;
      }
      set({ fieldErrors });
      return false;
    }
  },

  chooseTheme: async (theme) => {
    const before = get().settings;
    if (!before) return;
    set({ settings: { ...before, theme } });
    const saved = await get().change({ theme });
    if (!saved)
      set((state) => ({ settings: state.settings && { ...state.settings, theme: before.theme } }));
  },
}));
