export default /* sql */ `
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,            -- JSON
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE vault_keys (
  id          INTEGER PRIMARY KEY,
  keyring     TEXT NOT NULL,           -- which Keyring wrapped it: 'safeStorage', 'keyfile', …
  wrapped_key BLOB NOT NULL,
  active      INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX vault_keys_one_active ON vault_keys (active) WHERE active = 1;

CREATE TABLE connections (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,         -- connector id, e.g. 'google'
  name          TEXT NOT NULL,
  account       TEXT,                  -- e-mail or account label shown to the user
  status        TEXT NOT NULL DEFAULT 'unchecked'
                CHECK (status IN ('ok', 'needs_reconnect', 'error', 'unchecked')),
  secret_sealed TEXT,                  -- vault envelope 'sy1:…', never plaintext
  metadata      TEXT NOT NULL DEFAULT '{}',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE workflows (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  state       TEXT NOT NULL DEFAULT 'draft'
              CHECK (state IN ('draft', 'active', 'disabled', 'on_hold', 'paused')),
  version     INTEGER NOT NULL,
  definition  TEXT NOT NULL,           -- JSON, validated by shared/workflow/schema.ts
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX workflows_updated ON workflows (updated_at DESC);

-- Every save of a workflow is kept, so any earlier version can be restored.
CREATE TABLE workflow_versions (
  workflow_id TEXT NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  description TEXT NOT NULL,
  definition  TEXT NOT NULL,
  saved_at    TEXT NOT NULL,
  PRIMARY KEY (workflow_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  channel TEXT NOT NULL,               -- the contract channel, e.g. 'workflows:save'
  target  TEXT,                        -- id of what changed
  detail  TEXT NOT NULL                -- JSON: what changed, never a secret
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);
`;
