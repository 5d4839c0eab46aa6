export default /* sql */ `
-- The tray and notifications read failed runs by finish time, and whether each was replayed.
CREATE INDEX runs_failed_finished ON runs (finished_at) WHERE state = 'failed';
CREATE INDEX runs_replay_of ON runs (replay_of) WHERE replay_of IS NOT NULL;
`;
