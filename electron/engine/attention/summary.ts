import type { RunState } from '@shared/workflow/states';
import type { StorageHealth } from '@shared/storage';
import type { Db } from '../db/open';

/** One thing that needs the operator, with the screen (renderer hash path) that deals with it. */
export interface AttentionItem {
  key: string;
  kind: 'disk_full' | 'workflow_on_hold' | 'workflow_paused' | 'runs_failed' | 'connection_problem';
  label: string;
  route: string;
}

export interface RecentRun {
  id: number;
  workflowName: string;
  state: RunState;
  at: number;
}

/** all good / running / needs attention: the three states of the tray icon. */
export type ShellStatus = 'ok' | 'running' | 'attention';

export interface ShellSummary {
  status: ShellStatus;
  attention: AttentionItem[];
  recentRuns: RecentRun[];
  runningRuns: number;
}

/** Failed runs count as needing attention for this long (unless replayed since). */
export const FAILED_RUNS_WINDOW_MS = 24 * 60 * 60_000;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What the tray shows, read from the database in a few indexed queries: a full disk (told by the
 * engine's storage health, not the database), workflows on hold or
 * paused, connections that need reconnecting, runs that failed (after all retries) in the last
 * day and were not replayed, the last five runs, and whether anything is running now.
 */
export function summarizeForShell(
  db: Db,
  now: number,
  storage: Pick<StorageHealth, 'state'> | null = null,
): ShellSummary {
  const attention: AttentionItem[] = [];
  // First: while the disk is full nothing is saved, whatever else is wrong.
  if (storage?.state === 'full') {
    attention.push({
      key: 'storage',
      kind: 'disk_full',
      label: 'Switchyard can’t save: the disk is full',
      route: '/health',
    });
  }

  const stopped = db
    .prepare(
      `SELECT id, name, state, state_reason AS reason FROM workflows
        WHERE state IN ('on_hold', 'paused') ORDER BY name`,
    )
    .all() as { id: string; name: string; state: 'on_hold' | 'paused'; reason: string | null }[];
  for (const w of stopped) {
    attention.push(
      w.state === 'on_hold'
        ? {
            key: `hold:${w.id}`,
            kind: 'workflow_on_hold',
            label: `${w.name} is on hold${w.reason ? `: ${w.reason}` : ''}`,
            route: '/connections',
          }
        : {
            key: `paused:${w.id}`,
            kind: 'workflow_paused',
            label: `${w.name} was paused${w.reason ? `: ${w.reason}` : ''}`,
            route: `/workflows/${encodeURIComponent(w.id)}`,
          },
    );
  }

  const connections = db
    .prepare(
      `SELECT id, name, status FROM connections
        WHERE status IN ('needs_reconnect', 'error') ORDER BY name`,
    )
    .all() as { id: string; name: string; status: 'needs_reconnect' | 'error' }[];
  for (const c of connections) {
    attention.push({
      key: `connection:${c.id}`,
      kind: 'connection_problem',
      label: c.status === 'needs_reconnect' ? `Reconnect ${c.name}` : `${c.name} reports an error`,
      route: '/connections',
    });
  }

  const failed = db
    .prepare(
      `SELECT r.workflow_id AS workflowId, w.name, COUNT(*) AS count, MAX(r.id) AS latest
         FROM runs r JOIN workflows w ON w.id = r.workflow_id
        WHERE r.state = 'failed' AND r.finished_at >= ? AND r.test = 0
          AND NOT EXISTS (SELECT 1 FROM runs x WHERE x.replay_of = r.id)
        GROUP BY r.workflow_id ORDER BY latest DESC`,
    )
    .all(now - FAILED_RUNS_WINDOW_MS) as {
    workflowId: string;
    name: string;
    count: number;
    latest: number;
  }[];
  for (const f of failed) {
    attention.push({
      key: `failed:${f.workflowId}`,
      kind: 'runs_failed',
      label: `${plural(f.count, 'run')} of ${f.name} failed`,
      route: `/runs/${f.latest}`,
    });
  }

  const recentRuns = db
    .prepare(
      `SELECT r.id, w.name AS workflowName, r.state, COALESCE(r.finished_at, r.started_at, r.created_at) AS at
         FROM runs r JOIN workflows w ON w.id = r.workflow_id
        WHERE r.test = 0 ORDER BY r.id DESC LIMIT 5`,
    )
    .all() as RecentRun[];

  const { running } = db
    .prepare(`SELECT COUNT(*) AS running FROM runs WHERE state = 'running'`)
    .get() as { running: number };

  return {
    status: attention.length > 0 ? 'attention' : running > 0 ? 'running' : 'ok',
    attention,
    recentRuns,
    runningRuns: running,
  };
}
