export default /* sql */ `
-- Polling and schedule state per workflow trigger (times in integer ms).
ALTER TABLE trigger_state ADD COLUMN next_poll_at INTEGER;
ALTER TABLE trigger_state ADD COLUMN lease_until INTEGER;   -- a poll in progress holds it
ALTER TABLE trigger_state ADD COLUMN last_error TEXT;
ALTER TABLE trigger_state ADD COLUMN polls INTEGER NOT NULL DEFAULT 0;

-- Kept as a column so claiming runs need not read the workflow's JSON.
ALTER TABLE workflows ADD COLUMN ordered INTEGER NOT NULL DEFAULT 0;

-- Every poll, for the trigger ledger and the health view.
CREATE TABLE poll_log (
  id          INTEGER PRIMARY KEY,
  workflow_id TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  seen        INTEGER NOT NULL,          -- items the poll returned or recorded in the ledger
  fired       INTEGER NOT NULL,          -- runs it queued
  outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'baseline', 'error', 'skipped')),
  error       TEXT
) STRICT;
CREATE INDEX poll_log_workflow ON poll_log (workflow_id, id);
`;
