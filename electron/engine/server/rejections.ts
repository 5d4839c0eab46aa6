import type { AuditRepo } from '../db/repos/audit';
import type { Clock } from '../types';

/** Per workflow and minute, at most this many refused requests get their own audit entry. */
const ENTRIES_PER_MINUTE = 30;

/**
 * Refused webhooks go to the audit log (Settings → Activity), so the operator sees forgeries and
 * replays. A flood of them is summarised, not written row by row.
 */
export function createRejectionLog(audit: AuditRepo, clock: Clock) {
  const windows = new Map<string, { minute: number; written: number; suppressed: number }>();
  return {
    record(workflowId: string, detail: Record<string, unknown>): void {
      const now = clock.now();
      const minute = Math.floor(now.getTime() / 60_000);
      let window = windows.get(workflowId);
      if (!window || window.minute !== minute) {
        const suppressed = window?.suppressed ?? 0;
        window = { minute, written: 0, suppressed: 0 };
        windows.set(workflowId, window);
        if (suppressed > 0)
          audit.record(
            'webhooks:refused',
            { target: workflowId, detail: { action: 'refused', more: suppressed } },
            now,
          );
      }
      if (window.written >= ENTRIES_PER_MINUTE) {
        window.suppressed++;
        return;
      }
      window.written++;
      audit.record(
        'webhooks:refused',
        { target: workflowId, detail: { action: 'refused', ...detail } },
        now,
      );
    },
  };
}
