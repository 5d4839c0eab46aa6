import { useId } from 'react';

interface CheckOptionProps {
  label: string;
  help: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}

/** A checkbox named by its label alone, with a line saying what it does as its description. */
export function CheckOption({ label, help, checked, disabled, onChange }: CheckOptionProps) {
  const inputId = useId();
  const helpId = useId();
  return (
    <div className="check-option">
      <input
        id={inputId}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={helpId}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>
        <label htmlFor={inputId} className="check-option-label">
          {label}
        </label>
        <span id={helpId} className="check-option-help">
          {help}
        </span>
      </span>
    </div>
  );
}
