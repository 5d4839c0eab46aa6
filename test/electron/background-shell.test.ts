import { describe, expect, it } from 'vitest';
import {
  createBackgroundControl,
  type RunningBackground,
} from '../../electron/engine/scheduler/control';
import { CLOSE_TO_TRAY_NOTICE, installCloseToTray } from '../../electron/main/close-to-tray';
import { applyStartAtLogin, HIDDEN_ARG } from '../../electron/main/login-item';
import { navigationScript, showPlannedNotification } from '../../electron/main/notifications';
import { wirePowerEvents } from '../../electron/main/power';
import { defaultDesktopPreferences } from '@shared/desktop';
import { startNotificationCenter } from '../../electron/engine/attention/notification-center';
import { createNotificationPlanner } from '../../electron/engine/attention/notification-planner';
import { manualClock } from '../support/engine';
import { manualTimers } from '../support/manual-timers';
import { probeStep } from '../support/probe-connector';
import { useRunHarness } from '../support/run-harness';
import { chain, manualTrigger } from '../support/workflows';
import { FakeClosableWindow, FakeLoginApp, FakeNotifications, FakePowerMonitor } from './fakes';

const logger = { debug() {}, info() {}, warn() {}, error() {} };
const settle = () => new Promise((r) => setTimeout(r, 20));

function control() {
  const calls: string[] = [];
  const start = (): Promise<RunningBackground> => {
    calls.push('start');
    return Promise.resolve({
      scheduler: { resume: (now: number) => void calls.push(`resume(${now})`) },
      stop: () => {
        calls.push('stop');
        return Promise.resolve();
      },
    });
  };
  const clock = manualClock();
  return { calls, clock, control: createBackgroundControl({ start, clock, logger }) };
}

describe('power events', () => {
  it('pauses workers on suspend and calls the engine resume(now) once on wake', async () => {
    const { calls, clock, control: bg } = control();
    const power = new FakePowerMonitor();
    wirePowerEvents(power, bg, () => {});
    await bg.start();
    power.emit('suspend');
    await settle();
    expect(calls).toEqual(['start', 'stop']);
    clock.advance(8 * 3600_000);
    power.emit('resume');
    power.emit('resume'); // some systems report wake twice
    power.emit('unlock-screen');
    await settle();
    expect(calls).toEqual(['start', 'stop', 'start', `resume(${clock.ms})`]);
  });

  it('stops work on lock and on shutdown, then lets the quit happen', async () => {
    const { calls, control: bg } = control();
    const power = new FakePowerMonitor();
    let quit = false;
    wirePowerEvents(power, bg, () => (quit = true));
    await bg.start();
    power.emit('lock-screen');
    await settle();
    expect(bg.state().running).toBe(false);
    let prevented = false;
    power.emit('shutdown', { preventDefault: () => (prevented = true) });
    await settle();
    expect(prevented).toBe(true);
    expect(quit).toBe(true);
    power.emit('unlock-screen');
    await settle();
    expect(bg.state()).toEqual({ running: false, reasons: ['shutdown'] });
    expect(calls).toEqual(['start', 'stop']);
  });
});

describe('close to tray', () => {
  function setUp(closeToTray: boolean) {
    const window = new FakeClosableWindow();
    let explained = false;
    let told = 0;
    let quitting = false;
    installCloseToTray(window, {
      closeToTray: () => closeToTray,
      isQuitting: () => quitting,
      alreadyExplained: () => explained,
      explain: () => {
        told++;
        explained = true;
      },
    });
    return { window, told: () => told, quit: () => (quitting = true) };
  }

  it('hides the window instead of closing it, and tells the user once', () => {
    const { window, told } = setUp(true);
    expect(window.userCloses()).toBe(false);
    expect(window.hidden).toBe(true);
    window.userCloses();
    expect(told()).toBe(1);
    expect(CLOSE_TO_TRAY_NOTICE.body).toMatch(/tray/);
  });

  it('closes for real when the setting is off or the app is quitting', () => {
    expect(setUp(false).window.userCloses()).toBe(true);
    const quitting = setUp(true);
    quitting.quit();
    expect(quitting.window.userCloses()).toBe(true);
    expect(quitting.told()).toBe(0);
  });
});

describe('start at login', () => {
  it('registers the login item to open hidden, and removes it', () => {
    const app = new FakeLoginApp();
    applyStartAtLogin(app, true);
    expect(app.settings).toEqual({ openAtLogin: true, args: [HIDDEN_ARG] });
    applyStartAtLogin(app, false);
    expect(app.settings).toEqual({ openAtLogin: false, args: [] });
  });
});

describe('native notifications', () => {
  it('shows the planned notification and opens its screen on click', () => {
    const factory = new FakeNotifications();
    const opened: string[] = [];
    const planned = { title: '12 runs of Leads failed', body: 'x', route: '/runs/9', count: 12 };
    expect(showPlannedNotification(factory, planned, (r) => opened.push(r))).toBe(true);
    expect(factory.created[0]!.shown).toBe(true);
    expect(factory.created[0]!.options.title).toBe('12 runs of Leads failed');
    factory.created[0]!.emit('click');
    expect(opened).toEqual(['/runs/9']);
    expect(showPlannedNotification(new FakeNotifications(false), planned, () => {})).toBe(false);
  });

  it('moves the renderer by hash and refuses anything but a plain path', () => {
    expect(navigationScript('/workflows/wf_1')).toBe('location.hash = "#/workflows/wf_1"');
    expect(() => navigationScript('/x";alert(1)//')).toThrow(/unexpected route/);
  });
});

describe('a storm of failures, shown natively', () => {
  const setUpRuns = useRunHarness();

  it('becomes one native notification whose click opens the newest failed run', async () => {
    const { engine, probe, save, accept, drain, clock } = setUpRuns();
    const id = await save(
      chain(manualTrigger(), [probeStep('send', '{{trigger.n}}')], { pauseAfterFailures: 0 }),
    );
    const factory = new FakeNotifications();
    const opened: string[] = [];
    const time = manualTimers(clock);
    const stop = startNotificationCenter({
      db: engine.db,
      clock,
      planner: createNotificationPlanner({
        preferences: () => defaultDesktopPreferences(),
        zone: 'UTC',
      }),
      onEvent: (listener) => engine.onEvent(listener),
      show: (planned) => void showPlannedNotification(factory, planned, (r) => opened.push(r)),
      timers: time.timers,
    });
    probe.failNext(...Array.from({ length: 100 }, () => probe.error('invalid_input')));
    const { runIds } = accept(
      id,
      ...Array.from({ length: 100 }, (_, n) => ({ id: `item-${n}`, data: { n } })),
    );
    await drain();
    time.advance(60 * 60_000);
    stop();
    expect(factory.created.map((n) => [n.options.title, n.shown])).toEqual([
      ['100 runs of Lead capture failed', true],
    ]);
    factory.created[0]!.emit('click');
    expect(opened).toEqual([`/runs/${Math.max(...runIds)}`]);
    expect(navigationScript(opened[0]!)).toBe(`location.hash = "#/runs/${Math.max(...runIds)}"`);
  });
});
