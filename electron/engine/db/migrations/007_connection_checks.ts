// Each check of a connection ("Test now", a test e-mail, a use that failed for want of the user),
// kept so the Connections page can show its history, not only the latest outcome.
export default /* sql */ `
CREATE TABLE connection_checks (
  id            INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  at            INTEGER NOT NULL,     -- ms since the epoch
  ok            INTEGER NOT NULL CHECK (ok IN (0, 1)),
  status        TEXT NOT NULL CHECK (status IN ('ok', 'needs_reconnect', 'error', 'unchecked')),
  message       TEXT NOT NULL
) STRICT;
CREATE INDEX connection_checks_connection ON connection_checks (connection_id, id);
`;
