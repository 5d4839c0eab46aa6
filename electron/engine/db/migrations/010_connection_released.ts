export default /* sql */ `
-- When a reconnect last released what waited on this connection (ms since the epoch): an auth
-- failure from an attempt or poll begun before it met the old credentials and must not hold
-- the workflows it resumed. Token refreshes do not set it (they bump updated_at).
ALTER TABLE connections ADD COLUMN released_at INTEGER;
`;
