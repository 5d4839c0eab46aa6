import { useEffect } from 'react';
import { Theme } from '@shared/settings';
import { useSettingsStore } from '../stores/settings';

type ThemeSetting = ReturnType<typeof Theme.parse>;

const REMEMBERED_THEME = 'switchyard.theme';

/** The theme last applied, so the next start paints in the right colours before settings load. */
export function rememberedTheme(): ThemeSetting {
  const parsed = Theme.safeParse(localStorage.getItem(REMEMBERED_THEME));
  return parsed.success ? parsed.data : 'system';
}

export function applyTheme(theme: ThemeSetting): void {
  // styles/theme.css follows prefers-color-scheme for 'system' and forces the other two.
  document.documentElement.dataset.theme = theme;
}

/** The theme setting, applied to <html> whenever it changes. */
export function useTheme(): ThemeSetting {
  const theme = useSettingsStore((state) => state.settings?.theme) ?? rememberedTheme();
  useEffect(() => {
    applyTheme(theme);
    localStorage.setItem(REMEMBERED_THEME, theme);
  }, [theme]);
  return theme;
}
