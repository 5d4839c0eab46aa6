import { useId } from 'react';
import type { QuietHours } from '@shared/desktop';
import { asSentence } from '../../lib/error-text';
import { CheckOption } from './CheckOption';

const DEFAULT_QUIET: QuietHours = { start: '22:00', end: '07:00' };

interface QuietHoursFieldProps {
  value: QuietHours | null;
  error: string | null;
  disabled: boolean;
  onChange: (value: QuietHours | null) => void;
}

/** A daily window without notifications; what happens in it is told once when it ends. */
export function QuietHoursField({ value, error, disabled, onChange }: QuietHoursFieldProps) {
  const fromId = useId();
  const toId = useId();
  const errorId = useId();
  const shown = value ?? DEFAULT_QUIET;
  const timeChanged = (key: keyof QuietHours, time: string) => {
    // An emptied time input is not a change to save: the field keeps the last whole time.
    if (/^\d\d:\d\d$/.test(time)) onChange({ ...shown, [key]: time });
  };
  return (
    <div className="settings-quiet">
      <CheckOption
        label="Quiet hours"
        help="No notification in this daily window (your local time); what happened in it is told once when it ends."
        checked={value !== null}
        disabled={disabled}
        onChange={(on) => onChange(on ? shown : null)}
      />
      <div className="field-row settings-quiet-times">
        <label htmlFor={fromId} className="settings-time-label">
          From
        </label>
        <input
          id={fromId}
          className="input settings-time"
          type="time"
          value={shown.start}
          disabled={disabled || value === null}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => timeChanged('start', event.target.value)}
        />
        <label htmlFor={toId} className="settings-time-label">
          to
        </label>
        <input
          id={toId}
          className="input settings-time"
          type="time"
          value={shown.end}
          disabled={disabled || value === null}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => timeChanged('end', event.target.value)}
        />
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {asSentence('Quiet hours', error)}
        </p>
      )}
    </div>
  );
}
