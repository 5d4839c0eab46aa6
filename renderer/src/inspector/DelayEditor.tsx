import { useId, useState } from 'react';
import { DelayStep } from '@shared/workflow/schema';
import { AlertIcon } from '../components/editor-icons';
import { Segmented } from '../components/Segmented';
import { NumberInput } from './config/inputs';
import { MappableInput } from './MappableInput';

type Delay = DelayStep['delay'];

const UNITS = [
  { label: 'days', seconds: 86_400 },
  { label: 'hours', seconds: 3_600 },
  { label: 'minutes', seconds: 60 },
  { label: 'seconds', seconds: 1 },
] as const;

/** The largest unit that expresses `seconds` as a whole number. */
const unitFor = (seconds: number) => UNITS.find((u) => seconds % u.seconds === 0) ?? UNITS[3];

/** How long a delay step waits: a duration, or until a time (which may come from the data). */
const MODES = [
  { value: 'for', label: 'Wait for' },
  { value: 'until', label: 'Wait until' },
] as const;

export function DelayEditor(props: { delay: Delay; onChange: (next: Delay) => void }) {
  const { delay, onChange } = props;
  const id = useId();
  const [unit, setUnit] = useState<number>(() =>
    'seconds' in delay ? unitFor(delay.seconds).seconds : 60,
  );
  const checked = DelayStep.shape.delay.safeParse(delay);
  const message = checked.success ? undefined : checked.error.issues[0]?.message;

  return (
    <div className="delay-editor">
      <Segmented
        aria-label="How the step waits"
        options={MODES}
        value={'seconds' in delay ? 'for' : 'until'}
        onChange={(mode) => onChange(mode === 'for' ? { seconds: 60 * 5 } : { until: '' })}
      />
      {'seconds' in delay ? (
        <div className="field-row">
          <NumberInput
            id={`${id}-amount`}
            integer
            value={delay.seconds / unit}
            invalid={message !== undefined}
            onChange={(n) => onChange({ seconds: Math.round((n ?? 0) * unit) })}
          />
          <select
            className="input delay-unit"
            aria-label="Unit"
            value={unit}
            onChange={(e) => {
              const next = Number(e.target.value);
              setUnit(next);
              onChange({ seconds: Math.round((delay.seconds / unit) * next) });
            }}
          >
            {UNITS.map((u) => (
              <option key={u.label} value={u.seconds}>
                {u.label}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <MappableInput
          id={`${id}-until`}
          label="Wait until"
          value={delay.until}
          invalid={message !== undefined}
          placeholder="2026-03-01T09:00:00Z or {{trigger.due}}"
          onChange={(until) => onChange({ until })}
        />
      )}
      {message && (
        <p className="field-error">
          <AlertIcon /> {message}
        </p>
      )}
      <p className="field-help">
        {'seconds' in delay
          ? 'Up to 30 days. Test runs do not wait.'
          : 'An ISO time such as 2026-03-01T09:00:00Z, or a reference to one. Test runs do not wait.'}
      </p>
    </div>
  );
}
