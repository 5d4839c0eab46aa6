export default /* sql */ `
-- The public address of a webhook or form trigger: /hooks/<path_id> or /forms/<path_id>.
-- Machine state, not part of the workflow file, so an export carries neither URL nor secret.
CREATE TABLE trigger_endpoints (
  workflow_id   TEXT PRIMARY KEY REFERENCES workflows (id) ON DELETE CASCADE,
  path_id       TEXT NOT NULL UNIQUE,   -- random, unguessable; stable across restarts
  secret_sealed TEXT,                   -- the verification secret, sealed by the vault
  secret_set_at TEXT,
  created_at    TEXT NOT NULL
) STRICT;
`;
