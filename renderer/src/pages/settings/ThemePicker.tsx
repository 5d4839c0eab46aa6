import type { Settings } from '@shared/settings';
import { Segmented } from '../../components/Segmented';

type ThemeSetting = Settings['theme'];

const OPTIONS: { value: ThemeSetting; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

interface ThemePickerProps {
  value: ThemeSetting;
  onChange: (theme: ThemeSetting) => void;
}

export function ThemePicker({ value, onChange }: ThemePickerProps) {
  return (
    <fieldset className="field">
      <legend className="field-label">Theme</legend>
      <Segmented name="theme" options={OPTIONS} value={value} onChange={onChange} />
      <p className="field-hint">System follows your operating system's light or dark mode.</p>
    </fieldset>
  );
}
