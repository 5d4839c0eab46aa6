import { useId, type AriaAttributes } from 'react';

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
}

interface SegmentedProps<T extends string> extends Pick<AriaAttributes, 'aria-label'> {
  options: readonly SegmentedOption<T>[];
  value: T;
  onChange: (value: T) => void;
  /** The radio group's name; a unique one by default. */
  name?: string;
}

/** A row of radio buttons drawn as one segmented control. */
export function Segmented<T extends string>({
  options,
  value,
  onChange,
  name,
  'aria-label': ariaLabel,
}: SegmentedProps<T>) {
  const fallbackName = useId();
  return (
    <div className="segmented" role={ariaLabel ? 'radiogroup' : undefined} aria-label={ariaLabel}>
      {options.map((option) => (
        <label key={option.value} className="segmented-option">
          <input
            type="radio"
            name={name ?? fallbackName}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
