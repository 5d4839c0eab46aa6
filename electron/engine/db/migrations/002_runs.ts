// Times in these tables are integer milliseconds since the epoch: runs are the hot path, and
// due-time comparisons and durations are arithmetic on them.
export default /* sql */ `
ALTER TABLE workflows ADD COLUMN state_reason TEXT;
ALTER TABLE workflows ADD COLUMN hold_connection TEXT;

-- The trigger's own state (its cursor), saved in the same transaction as the runs it produced.
CREATE TABLE trigger_state (
  workflow_id  TEXT PRIMARY KEY REFERENCES workflows (id) ON DELETE CASCADE,
  cursor       TEXT,                   -- JSON, owned by the trigger
  baseline_at  INTEGER,                -- when the first (baseline) poll was recorded
  last_poll_at INTEGER,
  updated_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE runs (
  id               INTEGER PRIMARY KEY,
  workflow_id      TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  workflow_version INTEGER NOT NULL,
  state            TEXT NOT NULL CHECK (state IN
                     ('queued', 'running', 'retrying', 'succeeded', 'failed', 'on_hold',
                      'cancelled', 'interrupted')),
  trigger_item_id  TEXT NOT NULL,
  dedupe_key       TEXT,
  summary          TEXT NOT NULL DEFAULT '',
  test             INTEGER NOT NULL DEFAULT 0 CHECK (test IN (0, 1)),
  dry_run          INTEGER NOT NULL DEFAULT 0 CHECK (dry_run IN (0, 1)),
  replay_of        INTEGER,             -- the run this one replays (no FK: it may be deleted)
  replay_from      TEXT,                -- step id the replay started at, NULL = from the start
  replay_seq       INTEGER NOT NULL DEFAULT 0,  -- makes a replay's idempotency keys new
  retries          INTEGER NOT NULL DEFAULT 0,  -- retries made so far (of the failing step)
  due_at           INTEGER,             -- not before this time (retries and delays)
  hold_connection  TEXT,
  outcome          TEXT,                -- a sentence: why it ended as it did
  error_code       TEXT,
  error_message    TEXT,
  error_step       TEXT,
  error_retryable  INTEGER,
  created_at       INTEGER NOT NULL,
  started_at       INTEGER,
  finished_at      INTEGER,
  duration_ms      INTEGER
) STRICT;
CREATE INDEX runs_workflow ON runs (workflow_id, id);

-- The trigger item of a run, apart from the run row: state changes then rewrite a short row.
CREATE TABLE run_inputs (
  run_id       INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  trigger_data TEXT NOT NULL           -- JSON, through the redactor
) STRICT;
-- The dispatcher's queue: only unfinished runs are in it.
CREATE INDEX runs_pending ON runs (state, due_at)
  WHERE state IN ('queued', 'retrying', 'running', 'on_hold', 'interrupted');

CREATE TABLE run_steps (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id         TEXT NOT NULL,
  attempt         INTEGER NOT NULL,
  state           TEXT NOT NULL CHECK (state IN
                    ('succeeded', 'failed', 'filtered', 'skipped', 'reused', 'dry_run', 'waiting')),
  input           TEXT,                -- JSON for the log: redacted, truncated with a marker
  output          TEXT,                -- JSON for the log: redacted, truncated with a marker
  output_data     TEXT,                -- the full output when the log copy was truncated
  error           TEXT,                -- JSON {code, message, retryable, retryAfterMs}
  idempotency_key TEXT,
  started_at      INTEGER NOT NULL,
  finished_at     INTEGER
) STRICT;
CREATE INDEX run_steps_run ON run_steps (run_id);

-- Every item a trigger saw and what became of it (DESIGN.md invariant 3).
CREATE TABLE trigger_ledger (
  id          INTEGER PRIMARY KEY,
  workflow_id TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  poll_id     INTEGER,                 -- items seen by one poll share it
  item_id     TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN
                ('fired', 'duplicate', 'baseline', 'filtered', 'not_settled', 'own_write')),
  reason      TEXT NOT NULL,
  run_id      INTEGER,
  seen_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX trigger_ledger_item ON trigger_ledger (workflow_id, item_id);

CREATE TABLE dedupe_keys (
  workflow_id TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  run_id      INTEGER,
  seen_at     INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, key)
) STRICT, WITHOUT ROWID;

-- Counts of runs removed by retention, so statistics outlive the runs themselves.
CREATE TABLE run_stats_daily (
  workflow_id   TEXT NOT NULL,
  day           TEXT NOT NULL,         -- YYYY-MM-DD (UTC)
  state         TEXT NOT NULL,
  runs          INTEGER NOT NULL,
  duration_ms   INTEGER NOT NULL,      -- sum, for averages
  PRIMARY KEY (workflow_id, day, state)
) STRICT, WITHOUT ROWID;
`;
