import type { RunStats, StatsRange } from '@shared/runs';
import { RunState } from '@shared/workflow/states';
import type { Db } from '../db/open';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RANGES: Record<StatsRange, { span: number; bucket: number }> = {
  '24h': { span: DAY, bucket: HOUR },
  '7d': { span: 7 * DAY, bucket: DAY },
  '30d': { span: 30 * DAY, bucket: DAY },
};

/**
 * Run statistics for one workflow or all: live runs, plus the daily counts kept for runs that
 * retention already deleted. Test runs are left out.
 */
export function runStats(
  db: Db,
  workflowId: string | null,
  range: StatsRange,
  now: number,
): RunStats {
  const { span, bucket } = RANGES[range];
  // Buckets line up with whole hours/days (UTC) so the chart's bars do not drift.
  const start = Math.floor((now - span) / bucket) * bucket + bucket;
  const scope = workflowId === null ? '' : ' AND workflow_id = @workflowId';
  const params = { workflowId, start, bucket, now };

  const byState = Object.fromEntries(RunState.options.map((s) => [s, 0])) as Record<
    RunState,
    number
  >;
  const buckets = new Map<number, { succeeded: number; failed: number; other: number }>();
  for (let t = start - bucket; t < now; t += bucket)
    buckets.set(t, { succeeded: 0, failed: 0, other: 0 });
  const add = (at: number, state: string, n: number) => {
    if (state in byState) byState[state as RunState] += n;
    const key = Math.max(start - bucket, Math.floor(at / bucket) * bucket);
    const b = buckets.get(key);
    if (!b) return;
    if (state === 'succeeded') b.succeeded += n;
    else if (state === 'failed') b.failed += n;
    else b.other += n;
  };

  const live = db
    .prepare(
      `SELECT (created_at / @bucket) * @bucket AS at, state, count(*) AS n FROM runs
        WHERE test = 0 AND created_at >= @start - @bucket${scope} GROUP BY 1, 2`,
    )
    .all(params) as { at: number; state: string; n: number }[];
  for (const row of live) add(row.at, row.state, row.n);
  const kept = db
    .prepare(
      `SELECT day, state, sum(runs) AS n FROM run_stats_daily
        WHERE day >= strftime('%Y-%m-%d', (@start - @bucket) / 1000, 'unixepoch')${scope} GROUP BY 1, 2`,
    )
    .all(params) as { day: string; state: string; n: number }[];
  for (const row of kept) add(Date.parse(`${row.day}T00:00:00Z`), row.state, row.n);

  const durations = (
    db
      .prepare(
        `SELECT duration_ms AS d FROM runs WHERE test = 0 AND state = 'succeeded'
            AND duration_ms IS NOT NULL AND created_at >= @start - @bucket${scope} ORDER BY 1`,
      )
      .all(params) as { d: number }[]
  ).map((r) => r.d);
  const percentile = (p: number) =>
    durations.length === 0
      ? null
      : durations[Math.min(durations.length - 1, Math.ceil(p * durations.length) - 1)]!;

  const pendingScope = workflowId === null ? '' : ' AND workflow_id = ?';
  const pendingArgs = workflowId === null ? [] : [workflowId];
  const count = (sql: string) => (db.prepare(sql).get(...pendingArgs) as { n: number }).n;
  const lastError = db
    .prepare(
      `SELECT id, workflow_id, error_code, error_message, error_retryable, error_step, coalesce(finished_at, created_at) AS at
         FROM runs WHERE state = 'failed' AND test = 0${pendingScope} ORDER BY id DESC LIMIT 1`,
    )
    .get(...pendingArgs) as
    | {
        id: number;
        workflow_id: string;
        error_code: string | null;
        error_message: string | null;
        error_retryable: number | null;
        error_step: string | null;
        at: number;
      }
    | undefined;

  const finished = byState.succeeded + byState.failed;
  return {
    range,
    byState,
    series: [...buckets.entries()].map(([t, b]) => ({ start: new Date(t).toISOString(), ...b })),
    successRate: finished === 0 ? null : byState.succeeded / finished,
    p50DurationMs: percentile(0.5),
    p95DurationMs: percentile(0.95),
    queueDepth: count(
      `SELECT count(*) AS n FROM runs WHERE state IN ('queued', 'running')${pendingScope}`,
    ),
    dueRetries: count(`SELECT count(*) AS n FROM runs WHERE state = 'retrying'${pendingScope}`),
    lastError: lastError
      ? {
          runId: lastError.id,
          workflowId: lastError.workflow_id,
          code: lastError.error_code ?? 'internal',
          message: lastError.error_message ?? '',
          retryable: lastError.error_retryable === 1,
          step: lastError.error_step,
          at: new Date(lastError.at).toISOString(),
        }
      : null,
  };
}
