import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RunStats, StatsRange } from '@shared/runs';

const hour = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

const tick = (range: StatsRange) => (iso: string) =>
  (range === '24h' ? hour : day).format(Date.parse(iso));

/** Runs per hour (24 h) or per day (7 d, 30 d), stacked: succeeded, failed, other. */
export function RunsChart({ stats, range }: { stats: RunStats; range: StatsRange }) {
  const format = tick(range);
  return (
    <div className="chart" role="img" aria-label={`Runs and failures, ${range}`}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={stats.series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="start"
            tickFormatter={format}
            tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
            stroke="var(--border-strong)"
            minTickGap={16}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
            stroke="var(--border-strong)"
          />
          <Tooltip
            labelFormatter={(label) => (typeof label === 'string' ? format(label) : String(label))}
            cursor={{ fill: 'var(--surface-hover)' }}
            contentStyle={{
              background: 'var(--surface)',
              border: '1px solid var(--border)',
              borderRadius: 8,
              color: 'var(--text)',
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text-muted)' }} />
          <Bar
            dataKey="succeeded"
            name="Succeeded"
            stackId="runs"
            fill="var(--success)"
            isAnimationActive={false}
          />
          <Bar
            dataKey="failed"
            name="Failed"
            stackId="runs"
            fill="var(--danger)"
            isAnimationActive={false}
          />
          <Bar
            dataKey="other"
            name="Other"
            stackId="runs"
            fill="var(--text-faint)"
            isAnimationActive={false}
            radius={[2, 2, 0, 0]}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
