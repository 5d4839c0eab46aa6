import type { RunFilter, RunListInput, RunPage } from '@shared/runs';
import type { Db } from '../db/open';
import { toRunSummary, type RunRow, type RunsRepo } from './runs-repo';

/** A WHERE clause for a run filter, shared by the list, bulk replay and export. */
export function runFilterSql(filter: Partial<RunFilter>): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.workflowId) {
    clauses.push('r.workflow_id = ?');
    params.push(filter.workflowId);
  }
  if (filter.connectionId) {
    clauses.push(`r.workflow_id IN (
      SELECT w.id FROM workflows w
       WHERE json_extract(w.definition, '$.trigger.connection') = ?
          OR EXISTS (SELECT 1 FROM json_each(w.definition, '$.steps') s
                      WHERE json_extract(s.value, '$.connection') = ?))`);
    params.push(filter.connectionId, filter.connectionId);
  }
  if (filter.states && filter.states.length > 0) {
    clauses.push(`r.state IN (${filter.states.map(() => '?').join(', ')})`);
    params.push(...filter.states);
  }
  if (filter.from) {
    clauses.push('r.created_at >= ?');
    params.push(Date.parse(filter.from));
  }
  if (filter.to) {
    clauses.push('r.created_at < ?');
    params.push(Date.parse(filter.to));
  }
  if (filter.text) {
    const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(
      `(r.summary LIKE ? ESCAPE '\\' OR r.id IN (SELECT run_id FROM run_inputs WHERE trigger_data LIKE ? ESCAPE '\\'))`,
    );
    params.push(like, like);
  }
  if (filter.includeTests === false) clauses.push('r.test = 0');
  return { where: clauses.length > 0 ? clauses.join(' AND ') : '1', params };
}

export function listRuns(db: Db, runs: RunsRepo, input: RunListInput & { limit: number }): RunPage {
  const { where, params } = runFilterSql(input);
  const before = input.before ? ' AND r.id < ?' : '';
  const rows = db
    .prepare(`SELECT r.* FROM runs r WHERE ${where}${before} ORDER BY r.id DESC LIMIT ?`)
    .all(...params, ...(input.before ? [input.before] : []), input.limit + 1) as RunRow[];
  const names = runs.workflowNames();
  const page = rows.slice(0, input.limit);
  return {
    runs: page.map((row) => toRunSummary(row, names)),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
  };
}

export function runIdsMatching(db: Db, filter: Partial<RunFilter>, limit: number): number[] {
  const { where, params } = runFilterSql(filter);
  return (
    db
      .prepare(`SELECT r.id FROM runs r WHERE ${where} ORDER BY r.id LIMIT ?`)
      .all(...params, limit) as {
      id: number;
    }[]
  ).map((r) => r.id);
}

export function countRuns(db: Db, filter: Partial<RunFilter>): number {
  const { where, params } = runFilterSql(filter);
  return db
    .prepare(`SELECT count(*) FROM runs r WHERE ${where}`)
    .pluck()
    .get(...params) as number;
}
