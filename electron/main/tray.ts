import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { ShellStatus, ShellSummary } from '../engine/attention/summary';

const STATUS_TEXT: Record<ShellStatus, string> = {
  ok: 'all good',
  running: 'running',
  attention: 'needs attention',
};

const RUN_STATE_TEXT: Record<string, string> = {
  queued: 'queued',
  running: 'running',
  retrying: 'retrying',
  succeeded: 'succeeded',
  failed: 'failed',
  on_hold: 'on hold',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
};

/** The tray icon file for a status: template images on macOS (the system colours them). */
export function trayIconPath(resourcesDir: string, status: ShellStatus, platform: NodeJS.Platform) {
  return platform === 'darwin'
    ? join(resourcesDir, 'tray', `tray-${status}Template.png`)
    : join(resourcesDir, 'tray', `tray-${status}.png`);
}

export interface TrayActions {
  open(): void;
  /** Opens a renderer screen by hash path, e.g. '/runs/12'. */
  openScreen(route: string): void;
  pauseAll(): void;
  resumeAll(): void;
  quit(): void;
}

/** The tray menu: open, pause/resume all, the last five runs, what needs attention, quit. */
export function trayMenuTemplate(
  summary: ShellSummary,
  pausedByUser: boolean,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  const runs: MenuItemConstructorOptions[] =
    summary.recentRuns.length === 0
      ? [{ label: 'No runs yet', enabled: false }]
      : summary.recentRuns.map((run) => ({
          label: `${run.workflowName} — ${RUN_STATE_TEXT[run.state] ?? run.state}`,
          click: () => actions.openScreen(`/runs/${run.id}`),
        }));
  const attention: MenuItemConstructorOptions[] =
    summary.attention.length === 0
      ? []
      : [
          { type: 'separator' },
          { label: 'Needs attention', enabled: false },
          ...summary.attention.map((item) => ({
            label: item.label.length > 90 ? `${item.label.slice(0, 89)}…` : item.label,
            click: () => actions.openScreen(item.route),
          })),
        ];
  return [
    { label: 'Open Switchyard', click: actions.open },
    { type: 'separator' },
    pausedByUser
      ? { label: 'Resume all workflows', click: actions.resumeAll }
      : { label: 'Pause all workflows', click: actions.pauseAll },
    ...attention,
    { type: 'separator' },
    { label: 'Recent runs', enabled: false },
    ...runs,
    { type: 'separator' },
    { label: 'Quit Switchyard', click: actions.quit },
  ];
}

export function trayToolTip(summary: ShellSummary, pausedByUser: boolean): string {
  if (pausedByUser) return 'Switchyard — paused';
  return `Switchyard — ${STATUS_TEXT[summary.status]}`;
}

/** The slice of Electron's Tray the shell uses. */
export interface TrayLike {
  setImage(image: string): void;
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/**
 * Keeps the tray in step with the engine: refresh() reads the summary and sets icon, tooltip
 * and menu; the icon file is set only when the status changes.
 */
export function createTrayController(deps: {
  tray: TrayLike;
  summary: () => ShellSummary;
  pausedByUser: () => boolean;
  iconFor: (status: ShellStatus) => string;
  buildMenu: (template: MenuItemConstructorOptions[]) => unknown;
  actions: TrayActions;
  platform: NodeJS.Platform;
}) {
  let shownStatus: ShellStatus | null = null;
  // On Windows and Linux a click on the icon opens the window; macOS shows the menu.
  if (deps.platform !== 'darwin') deps.tray.on('click', deps.actions.open);
  return {
    refresh(): ShellSummary {
      const summary = deps.summary();
      const paused = deps.pausedByUser();
      if (summary.status !== shownStatus) {
        deps.tray.setImage(deps.iconFor(summary.status));
        shownStatus = summary.status;
      }
      deps.tray.setToolTip(trayToolTip(summary, paused));
      deps.tray.setContextMenu(deps.buildMenu(trayMenuTemplate(summary, paused, deps.actions)));
      return summary;
    },
    destroy: () => deps.tray.destroy(),
  };
}
