import { useMemo } from 'react';
import { describeSchedule, nextRuns } from '@shared/workflow/schedule';
import { ScheduleConfig } from '@shared/workflow/schedule-config';
import { useNow } from '../../hooks/useNow';

/** The schedule in words and its next five runs, from the same code the scheduler runs. */
export function SchedulePreview({ config }: { config: unknown }) {
  const now = useNow(60_000);
  const preview = useMemo(() => {
    const parsed = ScheduleConfig.safeParse(config);
    if (!parsed.success) return null;
    try {
      return {
        zone: parsed.data.zone,
        summary: describeSchedule(parsed.data),
        runs: nextRuns(parsed.data, new Date(now), 5),
      };
    } catch {
      return null;
    }
  }, [config, now]);

  if (!preview) return null;
  const format = new Intl.DateTimeFormat(undefined, {
    timeZone: preview.zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <section className="schedule-preview" aria-label="Next runs">
      <p className="schedule-kicker">Next runs</p>
      <p className="schedule-summary">{preview.summary}</p>
      <ol className="schedule-runs">
        {preview.runs.map((run) => (
          <li key={run.getTime()}>
            <time dateTime={run.toISOString()}>{format.format(run)}</time>
            <span className="schedule-in">{untilText(run.getTime() - now)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function untilText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'in under a minute';
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} days`;
}

/** A cron field outside a schedule trigger: previewed in the config's zone, else UTC. */
export function CronPreview({ cron, zone }: { cron: string | undefined; zone: unknown }) {
  if (!cron?.trim() || cron.includes('{{')) return null;
  return (
    <SchedulePreview
      config={{ mode: 'cron', cron, zone: typeof zone === 'string' && zone ? zone : 'UTC' }}
    />
  );
}
