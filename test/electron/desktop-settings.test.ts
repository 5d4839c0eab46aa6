import { describe, expect, it, vi } from 'vitest';
import { createDesktopShell } from '../../electron/main/desktop-shell';
import { HIDDEN_ARG } from '../../electron/main/login-item';
import { createPreferences } from '../../electron/main/preferences';
import { useEngines } from '../support/engine';
import { useTempDir } from '../support/temp-dir';
import { FakeLoginApp } from './fakes';

// electron-store imports 'electron', whose package tries to download a binary when loaded.
vi.mock('electron-store', () => ({ default: class {} }));

const tempDir = useTempDir();
const openEngine = useEngines();

function mapStorage() {
  const map = new Map<string, unknown>();
  return { get: (key: string) => map.get(key), set: (key: string, v: unknown) => map.set(key, v) };
}

function desktopEngine(loginEnabled = true) {
  const prefs = createPreferences(mapStorage());
  const login = new FakeLoginApp();
  const engine = openEngine(tempDir(), {
    desktop: createDesktopShell(prefs, { app: login, enabled: loginEnabled }),
  });
  return { engine, prefs, login };
}

describe('desktop settings through the contract', () => {
  it('reads the defaults: close to tray on, start at login off, notifications on', async () => {
    const { engine } = desktopEngine();
    expect(await engine.invoke('desktop:get', {})).toEqual({
      ok: true,
      value: {
        closeToTray: true,
        startAtLogin: false,
        notificationsEnabled: true,
        quietHours: null,
        mutedWorkflowIds: [],
      },
    });
  });

  it('keeps a change in the shell preferences, registers the login item, and audits the keys', async () => {
    const { engine, prefs, login } = desktopEngine();
    const result = await engine.invoke('desktop:set', {
      startAtLogin: true,
      quietHours: { start: '22:00', end: '07:00' },
      mutedWorkflowIds: ['wf_muted'],
    });
    expect(result).toMatchObject({
      ok: true,
      value: { startAtLogin: true, closeToTray: true, mutedWorkflowIds: ['wf_muted'] },
    });
    expect(prefs.desktop().quietHours).toEqual({ start: '22:00', end: '07:00' });
    expect(login.settings).toEqual({ openAtLogin: true, args: [HIDDEN_ARG] });
    await engine.invoke('desktop:set', { closeToTray: false });
    // The login item is touched only when start-at-login itself changes.
    login.settings = null;
    expect(prefs.desktop()).toMatchObject({ closeToTray: false, startAtLogin: true });
    expect(login.settings).toBeNull();
    await engine.invoke('desktop:set', { startAtLogin: false });
    expect(login.settings).toEqual({ openAtLogin: false, args: [] });
    const audit = engine.repos.audit.recent().filter((a) => a.channel === 'desktop:set');
    expect(audit.map((a) => a.detail.keys)).toEqual([
      ['startAtLogin'],
      ['closeToTray'],
      ['startAtLogin', 'quietHours', 'mutedWorkflowIds'],
    ]);
  });

  it('never registers a login item from a development build', async () => {
    const { engine, prefs, login } = desktopEngine(false);
    await engine.invoke('desktop:set', { startAtLogin: true });
    expect(prefs.desktop().startAtLogin).toBe(true);
    expect(login.settings).toBeNull();
  });

  it.each([
    ['quiet hours that start and end at once', { quietHours: { start: '08:00', end: '08:00' } }],
    ['a time that is not a time', { quietHours: { start: '25:00', end: '07:00' } }],
    ['an unknown key', { theme: 'dark' }],
    ['a muted id that is not a workflow id', { mutedWorkflowIds: ['../x'] }],
    ['a switch that is not a boolean', { closeToTray: 'yes' }],
  ])('refuses %s and keeps what was stored', async (_what, patch) => {
    const { engine, prefs } = desktopEngine();
    const result = await engine.invoke('desktop:set', patch);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toMatch(/^Invalid input for desktop:set: \S/);
    expect(prefs.desktop()).toEqual(createPreferences(mapStorage()).desktop());
  });

  it('answers that the desktop shell is absent when the engine runs without it', async () => {
    const engine = openEngine(tempDir());
    for (const [channel, input] of [
      ['desktop:get', {}],
      ['desktop:set', { closeToTray: false }],
    ] as const) {
      const result = await engine.invoke(channel, input);
      expect(result).toMatchObject({ ok: false, error: { code: 'desktop_unavailable' } });
      if (!result.ok) expect(result.error.message).toMatch(/desktop app/);
    }
    expect(engine.repos.audit.recent()).toEqual([]);
  });
});
