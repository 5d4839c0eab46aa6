// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { defaultDesktopPreferences, type DesktopPreferences } from '@shared/desktop';
import { contract } from '@shared/ipc/contract';
import type { WorkflowSummary } from '@shared/workflow/schema';
import { useDesktopStore } from '../../stores/desktop';
import { useNoticesStore } from '../../stores/notices';
import { useWorkflowsStore } from '../../stores/workflows';
import { DesktopSettings } from './DesktopSettings';

/**
 * The preload bridge, answering as the engine does (test/electron/desktop-settings.test.ts runs
 * the real one): inputs checked by the contract's own schemas, the desktop shell present or not.
 */
const shell = vi.hoisted(() => {
  const state = {
    present: true,
    prefs: null as unknown as DesktopPreferences,
    workflows: [] as WorkflowSummary[],
    handle: (_channel: string, _input: unknown): unknown => null,
  };
  window.switchyard = {
    invoke: (channel, input) => Promise.resolve(state.handle(channel, input)),
    onEvent: () => () => {},
  };
  return state;
});

shell.handle = (channel, input) => {
  if (channel === 'workflows:list') return { ok: true, value: shell.workflows };
  if (!shell.present)
    return { ok: false, error: { code: 'desktop_unavailable', message: 'no desktop shell' } };
  if (channel === 'desktop:get') return { ok: true, value: shell.prefs };
  if (channel !== 'desktop:set') throw new Error(`unexpected call ${channel}`);
  const parsed = contract['desktop:set'].input.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      path: i.path.map(String),
      message: i.message,
    }));
    return { ok: false, error: { code: 'invalid_input', message: 'Invalid input', details } };
  }
  shell.prefs = { ...shell.prefs, ...parsed.data };
  return { ok: true, value: shell.prefs };
};

const workflow = (id: string, name: string): WorkflowSummary => ({
  id,
  name,
  description: '',
  state: 'active',
  stateReason: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  stepCount: 1,
});

function desktopApp(workflows: WorkflowSummary[] = []) {
  shell.present = true;
  shell.prefs = defaultDesktopPreferences();
  shell.workflows = workflows;
}

afterEach(() => {
  cleanup();
  useDesktopStore.setState({ preferences: null, status: 'idle', quietHoursError: null });
  useWorkflowsStore.setState({ workflows: [], status: 'idle' });
  useNoticesStore.setState({ notices: [] });
});

const checkbox = (name: string | RegExp) =>
  screen.getByRole<HTMLInputElement>('checkbox', { name });

describe('desktop settings', () => {
  it('changes tray, login and notification preferences in the shell', async () => {
    desktopApp();
    const user = userEvent.setup();
    render(<DesktopSettings />);
    const closeToTray = await screen.findByRole<HTMLInputElement>('checkbox', {
      name: 'Keep running in the tray when the window is closed',
    });
    expect(closeToTray.checked).toBe(true);
    expect(checkbox('Start at login').checked).toBe(false);

    await user.click(closeToTray);
    await user.click(checkbox('Start at login'));
    await waitFor(() =>
      expect(shell.prefs).toMatchObject({ closeToTray: false, startAtLogin: true }),
    );
    expect(closeToTray.checked).toBe(false);

    await user.click(checkbox('Notifications'));
    await waitFor(() => expect(shell.prefs.notificationsEnabled).toBe(false));
    // Without notifications, quiet hours and mutes have nothing to act on.
    expect(checkbox('Quiet hours').disabled).toBe(true);
  });

  it('sets quiet hours and refuses a window that ends when it starts', async () => {
    desktopApp();
    const user = userEvent.setup();
    render(<DesktopSettings />);
    await user.click(await screen.findByRole('checkbox', { name: 'Quiet hours' }));
    await waitFor(() => expect(shell.prefs.quietHours).toEqual({ start: '22:00', end: '07:00' }));

    fireEvent.change(screen.getByLabelText('to'), { target: { value: '06:30' } });
    await waitFor(() => expect(shell.prefs.quietHours).toEqual({ start: '22:00', end: '06:30' }));

    fireEvent.change(screen.getByLabelText('to'), { target: { value: '22:00' } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Quiet hours must end at another time than it starts.',
    );
    // The refused value is not kept: the field shows what is stored.
    expect(screen.getByLabelText<HTMLInputElement>('to').value).toBe('06:30');
    expect(shell.prefs.quietHours).toEqual({ start: '22:00', end: '06:30' });
    expect(useNoticesStore.getState().notices).toEqual([]);
  });

  it('mutes and unmutes one workflow by name', async () => {
    desktopApp([workflow('wf_leads', 'Lead capture'), workflow('wf_invoices', 'Invoices')]);
    const user = userEvent.setup();
    render(<DesktopSettings />);
    const mute = await screen.findByRole('checkbox', { name: 'Lead capture' });
    await user.click(mute);
    await waitFor(() => expect(shell.prefs.mutedWorkflowIds).toEqual(['wf_leads']));
    expect(checkbox('Invoices').checked).toBe(false);
    await user.click(mute);
    await waitFor(() => expect(shell.prefs.mutedWorkflowIds).toEqual([]));
  });

  it('says the desktop shell is absent when the engine runs without it', async () => {
    desktopApp();
    shell.present = false;
    render(<DesktopSettings />);
    expect((await screen.findByRole('note')).textContent).toMatch(
      /belong to the desktop app.*no tray icon, login item or desktop notification/,
    );
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(useNoticesStore.getState().notices).toEqual([]);
  });
});
