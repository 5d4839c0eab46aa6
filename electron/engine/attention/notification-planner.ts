import type { DesktopPreferences } from '@shared/desktop';
import { quietUntil } from './quiet-hours';

/** Something the operator should hear about, as the engine saw it happen. */
export type Alert =
  | { kind: 'run_failed'; workflowId: string; workflowName: string; runId: number }
  | { kind: 'workflow_on_hold'; workflowId: string; workflowName: string; reason: string | null }
  | { kind: 'workflow_paused'; workflowId: string; workflowName: string; reason: string | null }
  /** The disk holding the data refused a write; about no one workflow (its id is ''). */
  | { kind: 'disk_full'; workflowId: ''; workflowName: string; dataDir: string };

/** One native notification to show; `route` is the screen a click opens (a renderer hash path). */
export interface PlannedNotification {
  title: string;
  body: string;
  route: string;
  /** How many alerts it stands for. */
  count: number;
}

export type NotificationPreferences = Pick<
  DesktopPreferences,
  'notificationsEnabled' | 'quietHours' | 'mutedWorkflowIds'
>;

export interface PlannerOptions {
  preferences: () => NotificationPreferences;
  /** Alerts arriving this soon after the first are told in the same notification. */
  gatherMs?: number;
  /** After a notification for one workflow and kind, the next waits at least this long. */
  cooldownMs?: number;
  /** More groups than this due at once become one summary notification. */
  maxPerFlush?: number;
  /** Time zone the quiet hours are read in; the machine's by default. */
  zone?: string;
}

interface Group {
  kind: Alert['kind'];
  workflowId: string;
  pending: Alert[];
  dueAt: number;
  lastSentAt: number | null;
  /** The pending alerts were held back by the cooldown after a notification (they say "more"). */
  heldBack: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Decides which notifications to show and when, so that a storm of failures becomes one
 * notification per workflow ("12 runs of Lead capture failed") and then at most one per
 * cooldown, with nothing shown in quiet hours (held until they end) or for muted workflows.
 * It holds no timer: the caller asks nextDueAt() and calls takeDue(now) then.
 */
export function createNotificationPlanner(options: PlannerOptions) {
  const gatherMs = options.gatherMs ?? 10_000;
  const cooldownMs = options.cooldownMs ?? 15 * 60_000;
  const maxPerFlush = options.maxPerFlush ?? 3;
  const groups = new Map<string, Group>();

  const allowed = (alert: Alert, prefs: NotificationPreferences) =>
    prefs.notificationsEnabled && !prefs.mutedWorkflowIds.includes(alert.workflowId);

  function describe(group: Group): PlannedNotification {
    const latest = group.pending.at(-1)!;
    const count = group.pending.length;
    const name = latest.workflowName;
    if (latest.kind === 'run_failed') {
      const more = group.heldBack ? ' more' : '';
      return {
        title:
          count === 1
            ? `A${more ? 'nother' : ''} run of ${name} failed`
            : `${count}${more} runs of ${name} failed`,
        body:
          count === 1
            ? 'It failed after all retries. Open it to see why and replay it.'
            : 'They failed after all retries. Open the latest to see why; replay them from Runs.',
        route: `/runs/${latest.runId}`,
        count,
      };
    }
    if (latest.kind === 'disk_full') {
      return {
        title: 'Switchyard can’t save: the disk is full',
        body: `Free some space on ${latest.dataDir}; waiting work resumes by itself.`,
        route: '/health',
        count,
      };
    }
    if (latest.kind === 'workflow_on_hold') {
      return {
        title: `${name} is on hold`,
        body: `${latest.reason ?? 'A connection needs you.'} Runs wait; nothing is lost.`,
        route: '/connections',
        count,
      };
    }
    return {
      title: `${name} was paused`,
      body: latest.reason ?? 'It stopped after repeated failures.',
      route: `/workflows/${encodeURIComponent(latest.workflowId)}`,
      count,
    };
  }

  function summarize(due: Group[]): PlannedNotification {
    const workflows = new Set(due.map((g) => g.workflowId)).size;
    const failed = due
      .filter((g) => g.kind === 'run_failed')
      .reduce((n, g) => n + g.pending.length, 0);
    const held = due.filter((g) => g.kind !== 'run_failed').length;
    const parts = [
      failed > 0 ? `${plural(failed, 'run')} failed` : null,
      held > 0 ? `${plural(held, 'workflow')} stopped` : null,
    ].filter((p): p is string => p !== null);
    return {
      title: `Problems in ${plural(workflows, 'workflow')}`,
      body: `${parts.join(', ')}. Open Health to see what needs you.`,
      route: '/health',
      count: due.reduce((n, g) => n + g.pending.length, 0),
    };
  }

  return {
    /** Records an alert; it is shown by a later takeDue(), or never if muted or turned off. */
    add(alert: Alert, now: number): void {
      if (!allowed(alert, options.preferences())) return;
      const key = `${alert.kind}:${alert.workflowId}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          kind: alert.kind,
          workflowId: alert.workflowId,
          pending: [],
          dueAt: 0,
          lastSentAt: null,
          heldBack: false,
        };
        groups.set(key, group);
      }
      if (group.pending.length === 0) {
        const cooldownEnds = group.lastSentAt === null ? 0 : group.lastSentAt + cooldownMs;
        group.heldBack = cooldownEnds > now + gatherMs;
        group.dueAt = Math.max(now + gatherMs, cooldownEnds);
      }
      group.pending.push(alert);
    },

    /** Forgets alerts of this kind not shown yet (what they told is over: the disk has room). */
    withdraw(kind: Alert['kind'], workflowId: string): void {
      const group = groups.get(`${kind}:${workflowId}`);
      if (group) group.pending = [];
    },

    /** The notifications due at `now`; each alert is returned once. */
    takeDue(now: number): PlannedNotification[] {
      const prefs = options.preferences();
      if (quietUntil(now, prefs.quietHours, options.zone) !== null) return [];
      const due: Group[] = [];
      for (const group of groups.values()) {
        // A workflow muted (or notifications turned off) after its alerts arrived stays quiet.
        group.pending = group.pending.filter((a) => allowed(a, prefs));
        if (group.pending.length > 0 && group.dueAt <= now) due.push(group);
      }
      // A full disk is told on its own, never folded into a summary of workflows.
      const disk = due.filter((g) => g.kind === 'disk_full');
      const workflows = due.filter((g) => g.kind !== 'disk_full');
      const planned = [
        ...disk.map(describe),
        ...(workflows.length > maxPerFlush ? [summarize(workflows)] : workflows.map(describe)),
      ];
      for (const group of due) {
        group.pending = [];
        group.lastSentAt = now;
      }
      return planned;
    },

    /** When takeDue() next has something to return (ms), or null when nothing waits. */
    nextDueAt(now: number): number | null {
      let next: number | null = null;
      for (const group of groups.values()) {
        if (group.pending.length > 0 && (next === null || group.dueAt < next)) next = group.dueAt;
      }
      if (next === null) return null;
      const quietEnd = quietUntil(
        Math.max(now, next),
        options.preferences().quietHours,
        options.zone,
      );
      return quietEnd ?? next;
    },
  };
}
export type NotificationPlanner = ReturnType<typeof createNotificationPlanner>;
