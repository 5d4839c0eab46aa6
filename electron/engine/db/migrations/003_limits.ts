// Limits shared by every thread and process that opens the database (DESIGN.md, "Background
// work"): each is read and written only inside short BEGIN IMMEDIATE transactions. Times are
// integer milliseconds since the epoch. No foreign keys: a lock's name is not a connection, and
// a removed connection's usage stays countable until it ages out.
export default /* sql */ `
-- Sliding log of the requests granted per connection in the last minute: a request is granted
-- only while fewer than N grants are younger than the window, so no window of that length ever
-- holds more than N, whichever thread asks. Rows older than a minute are deleted as they expire.
CREATE TABLE rate_limit_grants (
  id            INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL,
  granted_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX rate_limit_grants_connection ON rate_limit_grants (connection_id, granted_at);

-- Requests made per connection per UTC day: checked against daily quotas, shown by health.
CREATE TABLE connection_usage_daily (
  connection_id TEXT NOT NULL,
  day           TEXT NOT NULL,         -- YYYY-MM-DD (UTC)
  requests      INTEGER NOT NULL,
  PRIMARY KEY (connection_id, day)
) STRICT, WITHOUT ROWID;

-- Named leases (e.g. one token refresh per connection): free when absent or expired, so a
-- holder that crashed loses it at expires_at.
CREATE TABLE named_locks (
  name        TEXT PRIMARY KEY,
  holder      TEXT NOT NULL,
  acquired_at INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`;
