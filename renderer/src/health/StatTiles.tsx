import type { RunStats } from '@shared/runs';
import { formatCount } from '../runs/run-format';
import { formatDuration } from '../runs/run-format';
import { formatRate, totalRuns } from './health-model';

/** The figures of a range: runs, failures, success rate, p95 duration, queue and due retries. */
export function StatTiles({ stats }: { stats: RunStats }) {
  const tiles: { label: string; value: string; tone?: 'danger' | 'warning' }[] = [
    { label: 'Runs', value: formatCount(totalRuns(stats)) },
    {
      label: 'Failed',
      value: formatCount(stats.byState.failed),
      ...(stats.byState.failed > 0 ? { tone: 'danger' as const } : {}),
    },
    { label: 'Success rate', value: formatRate(stats.successRate) },
    { label: 'p95 duration', value: formatDuration(stats.p95DurationMs) },
    { label: 'Queue depth', value: formatCount(stats.queueDepth) },
    {
      label: 'Due retries',
      value: formatCount(stats.dueRetries),
      ...(stats.dueRetries > 0 ? { tone: 'warning' as const } : {}),
    },
  ];
  return (
    <dl className="tiles">
      {tiles.map((t) => (
        <div key={t.label} className={t.tone ? `tile tile-${t.tone}` : 'tile'}>
          <dt>{t.label}</dt>
          <dd>{t.value}</dd>
        </div>
      ))}
    </dl>
  );
}
