import type { StatsRange } from '@shared/runs';
import { Segmented } from '../components/Segmented';

const OPTIONS: { value: StatsRange; label: string }[] = [
  { value: '24h', label: '24 h' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
];

export function RangePicker({
  value,
  onChange,
}: {
  value: StatsRange;
  onChange: (range: StatsRange) => void;
}) {
  return (
    <fieldset className="range-picker">
      <legend className="sr-only">Time range</legend>
      <Segmented name="health-range" options={OPTIONS} value={value} onChange={onChange} />
    </fieldset>
  );
}
