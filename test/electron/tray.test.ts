import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { ShellSummary } from '../../electron/engine/attention/summary';
import { createTrayController, trayIconPath, trayMenuTemplate } from '../../electron/main/tray';
import { FakeTray } from './fakes';

const empty: ShellSummary = { status: 'ok', attention: [], recentRuns: [], runningRuns: 0 };
const busy: ShellSummary = {
  status: 'attention',
  runningRuns: 0,
  attention: [
    {
      key: 'hold:wf_a',
      kind: 'workflow_on_hold',
      label: 'Leads is on hold',
      route: '/connections',
    },
    { key: 'failed:wf_b', kind: 'runs_failed', label: '12 runs of CRM failed', route: '/runs/40' },
  ],
  recentRuns: [
    { id: 41, workflowName: 'Leads', state: 'on_hold', at: 0 },
    { id: 40, workflowName: 'CRM', state: 'failed', at: 0 },
  ],
};

function recorder() {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      open: () => calls.push('open'),
      openScreen: (route: string) => calls.push(`screen ${route}`),
      pauseAll: () => calls.push('pause'),
      resumeAll: () => calls.push('resume'),
      quit: () => calls.push('quit'),
    },
  };
}

const click = (items: MenuItemConstructorOptions[], label: string) => {
  const item = items.find((i) => i.label === label);
  if (!item?.click)
    throw new Error(`no clickable "${label}" in ${items.map((i) => i.label).join(', ')}`);
  (item.click as () => void)();
};

describe('tray menu', () => {
  it('offers open, pause all, the recent runs, what needs attention, and quit', () => {
    const { calls, actions } = recorder();
    const items = trayMenuTemplate(busy, false, actions);
    expect(items.filter((i) => i.label).map((i) => i.label)).toEqual([
      'Open Switchyard',
      'Pause all workflows',
      'Needs attention',
      'Leads is on hold',
      '12 runs of CRM failed',
      'Recent runs',
      'Leads — on hold',
      'CRM — failed',
      'Quit Switchyard',
    ]);
    click(items, 'Leads is on hold');
    click(items, '12 runs of CRM failed');
    click(items, 'Leads — on hold');
    click(items, 'Pause all workflows');
    click(items, 'Quit Switchyard');
    expect(calls).toEqual([
      'screen /connections',
      'screen /runs/40',
      'screen /runs/41',
      'pause',
      'quit',
    ]);
  });

  it('offers resume all while paused, and says when there are no runs yet', () => {
    const { calls, actions } = recorder();
    const items = trayMenuTemplate(empty, true, actions);
    click(items, 'Resume all workflows');
    expect(calls).toEqual(['resume']);
    expect(items.find((i) => i.label === 'No runs yet')?.enabled).toBe(false);
    expect(items.some((i) => i.label === 'Needs attention')).toBe(false);
  });
});

describe('tray controller', () => {
  it('shows the icon of each status, changing the image only when the status changes', () => {
    const tray = new FakeTray();
    let summary = empty;
    const { actions, calls } = recorder();
    const controller = createTrayController({
      tray,
      summary: () => summary,
      pausedByUser: () => false,
      iconFor: (status) => trayIconPath('/res', status, 'linux'),
      buildMenu: (template) => template,
      actions,
      platform: 'linux',
    });
    controller.refresh();
    controller.refresh();
    summary = { ...empty, status: 'running', runningRuns: 1 };
    controller.refresh();
    summary = busy;
    controller.refresh();
    expect(tray.images).toEqual([
      '/res/tray/tray-ok.png',
      '/res/tray/tray-running.png',
      '/res/tray/tray-attention.png',
    ]);
    expect(tray.toolTip).toBe('Switchyard — needs attention');
    expect((tray.menu as MenuItemConstructorOptions[])[0]!.label).toBe('Open Switchyard');
    tray.emit('click');
    expect(calls).toEqual(['open']);
  });

  it('uses template images on macOS and leaves the click to the menu', () => {
    expect(trayIconPath('/res', 'attention', 'darwin')).toBe(
      '/res/tray/tray-attentionTemplate.png',
    );
    const tray = new FakeTray();
    const { actions, calls } = recorder();
    createTrayController({
      tray,
      summary: () => empty,
      pausedByUser: () => true,
      iconFor: (s) => s,
      buildMenu: (t) => t,
      actions,
      platform: 'darwin',
    }).refresh();
    tray.emit('click');
    expect(calls).toEqual([]);
    expect(tray.toolTip).toBe('Switchyard — paused');
  });
});
