import { describe, expect, it } from 'vitest';
import { defaultDesktopPreferences, type DesktopPreferences } from '@shared/desktop';
import { createNotificationPlanner, type Alert } from './notification-planner';
import { quietUntil } from './quiet-hours';

const T0 = Date.parse('2026-11-25T09:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const failed = (runId: number, workflowId = 'wf_leads', workflowName = 'Lead capture'): Alert => ({
  kind: 'run_failed',
  workflowId,
  workflowName,
  runId,
});

function planner(prefs: Partial<DesktopPreferences> = {}) {
  const current = { ...defaultDesktopPreferences(), ...prefs };
  const p = createNotificationPlanner({
    preferences: () => current,
    gatherMs: 10 * SECOND,
    cooldownMs: 15 * MINUTE,
    zone: 'UTC',
  });
  return { p, prefs: current };
}

describe('notification planner', () => {
  it('turns a storm of 100 failures of one workflow into one notification', () => {
    const { p } = planner();
    for (let i = 1; i <= 100; i++) p.add(failed(i), T0 + i * 20); // within two seconds
    expect(p.takeDue(T0 + 5 * SECOND)).toEqual([]); // still gathering
    expect(p.nextDueAt(T0 + 5 * SECOND)).toBe(T0 + 20 + 10 * SECOND);
    const shown = p.takeDue(T0 + 11 * SECOND);
    expect(shown).toEqual([
      {
        title: '100 runs of Lead capture failed',
        body: expect.stringMatching(/after all retries/),
        route: '/runs/100',
        count: 100,
      },
    ]);
    expect(p.takeDue(T0 + 12 * SECOND)).toEqual([]);
    expect(p.nextDueAt(T0 + 12 * SECOND)).toBeNull();
  });

  it('holds failures that keep coming until the cooldown ends, then tells them once as "more"', () => {
    const { p } = planner();
    p.add(failed(1), T0);
    expect(p.takeDue(T0 + 10 * SECOND)).toHaveLength(1);
    for (let i = 2; i <= 31; i++) p.add(failed(i), T0 + i * 10 * SECOND); // over five minutes
    expect(p.takeDue(T0 + 10 * MINUTE)).toEqual([]);
    expect(p.nextDueAt(T0 + 10 * MINUTE)).toBe(T0 + 10 * SECOND + 15 * MINUTE);
    const later = p.takeDue(T0 + 10 * SECOND + 15 * MINUTE);
    expect(later.map((n) => n.title)).toEqual(['30 more runs of Lead capture failed']);
    expect(later[0]!.route).toBe('/runs/31');
  });

  it('tells a single failure as one run, and a failure long after the cooldown without "more"', () => {
    const { p } = planner();
    p.add(failed(7), T0);
    expect(p.takeDue(T0 + 10 * SECOND)[0]).toMatchObject({
      title: 'A run of Lead capture failed',
      route: '/runs/7',
    });
    p.add(failed(8), T0 + 2 * 60 * MINUTE);
    expect(p.takeDue(T0 + 2 * 60 * MINUTE + 10 * SECOND)[0]!.title).toBe(
      'A run of Lead capture failed',
    );
  });

  it('collapses problems in many workflows into one summary that opens Health', () => {
    const { p } = planner();
    for (let w = 0; w < 5; w++)
      for (let i = 0; i < 4; i++) p.add(failed(w * 10 + i, `wf_${w}`, `Flow ${w}`), T0);
    p.add({ kind: 'workflow_on_hold', workflowId: 'wf_x', workflowName: 'X', reason: null }, T0);
    expect(p.takeDue(T0 + 10 * SECOND)).toEqual([
      {
        title: 'Problems in 6 workflows',
        body: '20 runs failed, 1 workflow stopped. Open Health to see what needs you.',
        route: '/health',
        count: 21,
      },
    ]);
  });

  it('sends holds to Connections and pauses to the workflow, each with its reason', () => {
    const { p } = planner();
    p.add(
      {
        kind: 'workflow_on_hold',
        workflowId: 'wf_leads',
        workflowName: 'Lead capture',
        reason: 'Google must be reconnected: token revoked.',
      },
      T0,
    );
    p.add(
      {
        kind: 'workflow_paused',
        workflowId: 'wf_crm',
        workflowName: 'CRM sync',
        reason: '3 runs in a row failed.',
      },
      T0,
    );
    expect(p.takeDue(T0 + 10 * SECOND)).toEqual([
      {
        title: 'Lead capture is on hold',
        body: 'Google must be reconnected: token revoked. Runs wait; nothing is lost.',
        route: '/connections',
        count: 1,
      },
      {
        title: 'CRM sync was paused',
        body: '3 runs in a row failed.',
        route: '/workflows/wf_crm',
        count: 1,
      },
    ]);
  });

  it('never notifies for a muted workflow, or at all when notifications are off', () => {
    const muted = planner({ mutedWorkflowIds: ['wf_leads'] });
    muted.p.add(failed(1), T0);
    muted.p.add(failed(2, 'wf_other', 'Other'), T0);
    expect(muted.p.takeDue(T0 + MINUTE).map((n) => n.title)).toEqual(['A run of Other failed']);

    const off = planner({ notificationsEnabled: false });
    off.p.add(failed(1), T0);
    expect(off.p.takeDue(T0 + MINUTE)).toEqual([]);
    expect(off.p.nextDueAt(T0 + MINUTE)).toBeNull();
  });

  it('drops waiting alerts of a workflow muted before they were shown', () => {
    const { p, prefs } = planner();
    p.add(failed(1), T0);
    prefs.mutedWorkflowIds = ['wf_leads'];
    expect(p.takeDue(T0 + MINUTE)).toEqual([]);
  });

  it('holds notifications during quiet hours and shows what happened when they end', () => {
    const { p } = planner({ quietHours: { start: '22:00', end: '07:00' } });
    const night = Date.parse('2026-11-25T23:30:00Z');
    for (let i = 1; i <= 12; i++) p.add(failed(i), night + i * MINUTE);
    const morning = Date.parse('2026-11-26T07:00:00Z');
    expect(p.nextDueAt(night + 20 * MINUTE)).toBe(morning);
    expect(p.takeDue(morning - 1)).toEqual([]);
    expect(p.takeDue(morning).map((n) => n.title)).toEqual(['12 runs of Lead capture failed']);
  });
});

describe('quiet hours', () => {
  const at = (iso: string) => Date.parse(iso);
  it('knows a window that crosses midnight, on both sides of it', () => {
    const q = { start: '22:00', end: '07:00' };
    expect(quietUntil(at('2026-11-25T21:59:00Z'), q, 'UTC')).toBeNull();
    expect(quietUntil(at('2026-11-25T22:00:00Z'), q, 'UTC')).toBe(at('2026-11-26T07:00:00Z'));
    expect(quietUntil(at('2026-11-26T06:59:00Z'), q, 'UTC')).toBe(at('2026-11-26T07:00:00Z'));
    expect(quietUntil(at('2026-11-26T07:00:00Z'), q, 'UTC')).toBeNull();
  });

  it('reads the window in local time of the given zone', () => {
    const q = { start: '12:00', end: '13:00' };
    // 11:30 UTC is 12:30 in Berlin in winter.
    expect(quietUntil(at('2026-11-25T11:30:00Z'), q, 'Europe/Berlin')).toBe(
      at('2026-11-25T12:00:00Z'),
    );
    expect(quietUntil(at('2026-11-25T11:30:00Z'), q, 'UTC')).toBeNull();
    expect(quietUntil(at('2026-11-25T11:30:00Z'), null, 'UTC')).toBeNull();
  });
});
