/**
 * Housekeeping, run on an interval and ended by Bree if it gets stuck: retention of runs and
 * logs (then incremental vacuum and a WAL checkpoint), pruning of the poll log and of the
 * shared rate-limit windows, usage counters (90 days) and expired locks.
 */
import { createSettingsRepo } from '../../db/repos/settings';
import { createSharedLimits } from '../limits';
import { post, runOnce } from '../worker-runtime';

await runOnce('housekeeping', ({ db, workflowEngine, logger, clock }) => {
  const settings = createSettingsRepo(db, logger).get();
  const report = workflowEngine.retention({
    retentionDays: settings.runRetentionDays,
    maxBytes: settings.runStorageCapMb * 1024 * 1024,
  });
  const cutoff = clock.now().getTime() - settings.runRetentionDays * 86_400_000;
  const polls = db.prepare('DELETE FROM poll_log WHERE started_at < ?').run(cutoff).changes;
  const limits = createSharedLimits(db, clock).prune();
  post({ type: 'housekeeping', report: { ...report, deletedPolls: polls, limits } });
});
