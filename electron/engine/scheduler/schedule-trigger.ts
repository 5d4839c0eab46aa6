import { descriptors } from '@shared/connectors/registry';
import { missedRuns, nextRuns } from '@shared/workflow/schedule';
import type { TriggerItem } from '../connectors/types';
import type { Plan } from '../workflows/plan';

export interface ScheduleDue {
  items: TriggerItem[];
  cursor: { lastScheduled: string };
  /** When the schedule next falls due (ms). */
  next: number;
  /** True the first time: the schedule starts from now and fires nothing missed before it. */
  baseline: boolean;
  skipped: number;
}

/**
 * What a schedule trigger fires now: the times missed since its last one, per the workflow's
 * catch-up policy (skip, run once, run each — bounded). Each fire is an item whose id is the
 * scheduled time, so dedupe makes a repeated computation harmless.
 */
export function scheduleDue(plan: Plan, cursorJson: string | null, now: Date): ScheduleDue {
  const descriptor = descriptors.trigger(plan.trigger.connector, plan.trigger.operation);
  if (!descriptor)
    throw new Error(`No trigger ${plan.trigger.connector}.${plan.trigger.operation}`);
  const config = descriptor.config.parse(plan.trigger.config) as Parameters<typeof nextRuns>[0];
  const cursor = cursorJson ? (JSON.parse(cursorJson) as { lastScheduled?: string }) : null;
  const last = cursor?.lastScheduled ? new Date(cursor.lastScheduled) : null;
  if (!last) {
    const next = nextRuns(config, now, 1)[0]!;
    return {
      items: [],
      cursor: { lastScheduled: now.toISOString() },
      next: next.getTime(),
      baseline: true,
      skipped: 0,
    };
  }
  const missed = missedRuns(config, last, now, plan.settings.catchUp);
  const firedAt = now.toISOString();
  const items = missed.fire.map((at) => ({
    id: `schedule-${at.toISOString()}`,
    data: { scheduledFor: at.toISOString(), firedAt },
    summary: `Scheduled for ${at.toISOString()}`,
  }));
  return {
    items,
    // Every scheduled time up to now is dealt with (fired or skipped by the policy). A clock set
    // back does not move the mark back: the times after it were dealt with already.
    cursor: { lastScheduled: new Date(Math.max(now.getTime(), last.getTime())).toISOString() },
    next: missed.next.getTime(),
    baseline: false,
    skipped: missed.skipped,
  };
}
