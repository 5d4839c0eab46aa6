export default /* sql */ `
-- Records Switchyard itself wrote (a row appended by a step), so a polling trigger does not fire
-- them back. In SQLite, not in memory: the dispatcher thread writes, the poller thread reads.
CREATE TABLE own_writes (
  key        TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL    -- ms since the epoch
) STRICT, WITHOUT ROWID;
CREATE INDEX own_writes_expiry ON own_writes (expires_at);
`;
