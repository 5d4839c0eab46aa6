import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface SeedOptions {
  workflowId: string;
  count: number;
  /** Every n-th run failed (0: none). */
  failEvery?: number;
  /** Runs are spread evenly over this many milliseconds before now. */
  spanMs?: number;
  now?: number;
}

const DATABASE_FILE = 'switchyard.db';

/**
 * Writes finished runs straight into a data directory's SQLite file, in one transaction: the
 * quick way to a log of 100,000 runs. The workflow must exist (created through the API);
 * seeded runs are final, so the dispatcher leaves them alone.
 */
export function seedRuns(
  dataDir: string,
  options: SeedOptions,
): { firstId: number; lastId: number } {
  const { workflowId, count, failEvery = 0, spanMs = 25 * 86_400_000 } = options;
  const now = options.now ?? Date.now();
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma('busy_timeout = 10000');
  try {
    const version = db
      .prepare('SELECT version FROM workflows WHERE id = ?')
      .pluck()
      .get(workflowId);
    if (typeof version !== 'number') throw new Error(`no workflow ${workflowId} to seed runs for`);
    const insertRun = db.prepare(
      `INSERT INTO runs (workflow_id, workflow_version, state, trigger_item_id, summary, retries,
                         error_code, error_message, error_step, error_retryable,
                         created_at, started_at, finished_at, duration_ms, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertInput = db.prepare('INSERT INTO run_inputs (run_id, trigger_data) VALUES (?, ?)');
    let firstId = 0;
    let lastId = 0;
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const failed = failEvery > 0 && i % failEvery === failEvery - 1;
        const created = Math.round(now - spanMs + (spanMs * i) / Math.max(1, count));
        const duration = 40 + ((i * 37) % 900);
        const email = `person${i}@example.com`;
        const id = Number(
          insertRun.run(
            workflowId,
            version,
            failed ? 'failed' : 'succeeded',
            `seed-${i}`,
            `Row ${i}: ${email}`,
            failed ? 2 : 0,
            failed ? 'invalid_input' : null,
            failed ? 'Seeded failure.' : null,
            failed ? 'debug' : null,
            failed ? 0 : null,
            created,
            created + 5,
            created + 5 + duration,
            duration,
            failed ? 'Failed at "debug".' : 'Succeeded.',
          ).lastInsertRowid,
        );
        insertInput.run(id, JSON.stringify({ row: i, email, name: `Person ${i}` }));
        if (i === 0) firstId = id;
        lastId = id;
      }
    })();
    return { firstId, lastId };
  } finally {
    db.close();
  }
}
