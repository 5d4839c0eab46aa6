import type { Settings } from '@shared/settings';

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
      <div className="segmented">
        {OPTIONS.map((option) => (
          <label key={option.value} className="segmented-option">
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <p className="field-hint">System follows your operating system's light or dark mode.</p>
    </fieldset>
  );
}
