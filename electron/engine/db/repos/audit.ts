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
