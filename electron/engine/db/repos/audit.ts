import type { AuditEntry } from '@shared/ipc/contract';
import type { Db } from '../open';

export interface AuditRow {
  id: number;
  at: string;
  channel: string;
  target: string | null;
  detail: Record<string, unknown>;
}

export function createAuditRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, channel, target, detail) VALUES (?, ?, ?, ?)',
  );
  return {
    record(channel: string, entry: AuditEntry, now: Date): void {
      insert.run(now.toISOString(), channel, entry.target, JSON.stringify(entry.detail));
    },
    /** Newest first, optionally of one channel domain (e.g. 'workflows') or target, paged by id. */
    list(query: { before?: number; limit: number; domain?: string; target?: string }): AuditRow[] {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.before) {
        where.push('id < ?');
        params.push(query.before);
      }
      if (query.domain) {
        where.push('channel LIKE ?');
        params.push(`${query.domain}:%`);
      }
      if (query.target) {
        where.push('target = ?');
        params.push(query.target);
      }
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                    ORDER BY id DESC LIMIT ?`;
      return (
        db.prepare(sql).all(...params, query.limit) as (Omit<AuditRow, 'detail'> & {
          detail: string;
        })[]
      ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
    },
    recent(limit = 100): AuditRow[] {
      return (
        db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as (Omit<
          AuditRow,
          'detail'
        > & {
          detail: string;
        })[]
      ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
