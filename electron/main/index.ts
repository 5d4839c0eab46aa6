import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { describeError, UserError } from '@shared/errors';
import { createEngine, type EngineInternals } from '../engine';
import { startNotificationCenter } from '../engine/attention/notification-center';
import { createNotificationPlanner } from '../engine/attention/notification-planner';
import { summarizeForShell } from '../engine/attention/summary';
import { startBackground } from '../engine/scheduler/background';
import { createBackgroundControl, type BackgroundControl } from '../engine/scheduler/control';
import type { LoopbackServer } from '../engine/server/http-server';
import { startOnKeptPort } from '../engine/server/kept-port';
import { systemClock, type Engine, type Logger } from '../engine/types';
import { CLOSE_TO_TRAY_NOTICE, installCloseToTray } from './close-to-tray';
import { createDesktopShell } from './desktop-shell';
import { applyStartAtLogin, HIDDEN_ARG } from './login-item';
import {
  navigationScript,
  showPlannedNotification,
  type NotificationFactory,
} from './notifications';
import { wirePowerEvents } from './power';
import { createTrayController, trayIconPath } from './tray';
import { forwardEngineEvents, isTrustedSenderFor, registerContractIpc } from './ipc';
import { createSafeStorageKeyring } from './keyring';
import { appMenuTemplate } from './menu';
import { openPreferences, type ShellPreferences } from './preferences';
import { rendererLocation } from './renderer-location';
import { hardenWebContents, installContentSecurityPolicy, openExternalWebUrl } from './security';
import { openMainWindow } from './window';

const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const renderer = rendererLocation({
  isPackaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  indexHtmlPath: join(import.meta.dirname, '../renderer/index.html'),
});

let engine: EngineInternals | null = null;
let background: BackgroundControl | null = null;
let tray: ReturnType<typeof createTrayController> | null = null;
let stopNotifications: (() => void) | null = null;
/** Set once a quit was asked for: the window then really closes instead of hiding. */
let quitting = false;
/** Set once workers and the engine are closed, so the final quit goes through. */
let cleanedUp = false;
const resourcesDir = app.isPackaged
  ? process.resourcesPath
  : join(import.meta.dirname, '../../resources');
const notifications: NotificationFactory = {
  isSupported: () => Notification.isSupported(),
  create: (options) => new Notification(options),
};
/** Webhooks and hosted forms; the desktop app serves no UI over HTTP. */
let hookServer: LoopbackServer | null = null;

const consoleLogger: Logger = {
  debug() {},
  info: (message, fields) => console.log(message, fields ?? ''),
  warn: (message, fields) => console.warn(message, fields ?? ''),
  error: (message, fields) => console.error(message, fields ?? ''),
};
let preferences: ShellPreferences | null = null;
let mainWindow: BrowserWindow | null = null;

function showMainWindow(running: Engine, prefs: ShellPreferences): BrowserWindow {
  const window = openMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    preloadPath,
    workAreas: screen.getAllDisplays().map((display) => display.workArea),
    preferences: prefs,
  });
  const stopEvents = forwardEngineEvents(running, window.webContents);
  installCloseToTray(window, {
    closeToTray: () => prefs.desktop().closeToTray,
    isQuitting: () => quitting,
    alreadyExplained: () => prefs.shellState().closeToTrayExplained,
    explain: () => {
      prefs.setShellState({ closeToTrayExplained: true });
      showPlannedNotification(
        notifications,
        { ...CLOSE_TO_TRAY_NOTICE, route: '/', count: 1 },
        openScreen,
      );
    },
  });
  window.on('closed', () => {
    stopEvents();
    mainWindow = null;
  });
  mainWindow = window;
  renderer
    .load(window)
    .catch((error: unknown) => console.error('Could not load the renderer:', error));
  return window;
}

function focusMainWindow(): BrowserWindow | null {
  if (!mainWindow) {
    // A second launch, a dock click or the tray brings a window back.
    return engine && preferences ? showMainWindow(engine, preferences) : null;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  return mainWindow;
}

/** Shows the window on one screen (a renderer hash path), from the tray or a notification. */
function openScreen(route: string): void {
  const window = focusMainWindow();
  if (!window) return;
  const go = () =>
    void window.webContents
      .executeJavaScript(navigationScript(route))
      .catch((error: unknown) => console.warn('Could not open the screen:', error));
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', go);
  else go();
}

function startTray(running: EngineInternals, control: BackgroundControl, prefs: ShellPreferences) {
  const iconFor = (status: 'ok' | 'running' | 'attention') =>
    trayIconPath(resourcesDir, status, process.platform);
  const nativeTray = new Tray(iconFor('ok'));
  // Read by the Electron launch test (the API offers no list of trays).
  (globalThis as { switchyardTray?: Tray }).switchyardTray = nativeTray;
  const controller = createTrayController({
    tray: nativeTray,
    summary: () => summarizeForShell(running.db, Date.now(), running.storage.current()),
    pausedByUser: () => control.isPausedBy('user'),
    iconFor,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    platform: process.platform,
    actions: {
      open: () => void focusMainWindow(),
      openScreen,
      pauseAll: () => {
        prefs.setShellState({ pausedByUser: true });
        void control.pause('user');
      },
      resumeAll: () => {
        prefs.setShellState({ pausedByUser: false });
        void control.release('user');
      },
      quit: () => app.quit(),
    },
  });
  // Bursts of run events refresh the tray at most once a second.
  let pending: NodeJS.Timeout | null = null;
  const refreshSoon = () => {
    pending ??= setTimeout(() => {
      pending = null;
      if (!cleanedUp) controller.refresh();
    }, 1000);
  };
  running.onEvent((event) => {
    if (
      event.type === 'runs.changed' ||
      event.type.startsWith('workflow.') ||
      event.type.startsWith('connection') ||
      event.type === 'storage.changed'
    )
      refreshSoon();
    if (event.type === 'settings.changed' && event.keys.includes('theme')) {
      const theme = running.repos.settings.get().theme;
      nativeTheme.themeSource = theme;
      prefs.setShellState({ theme });
    }
  });
  control.onChange(refreshSoon);
  controller.refresh();
  return controller;
}

async function cleanUpThenQuit(): Promise<void> {
  try {
    stopNotifications?.();
    await Promise.all([background?.close(), hookServer?.close()]);
    hookServer = null;
  } catch (error) {
    console.error('Background work did not stop cleanly:', error);
  }
  tray?.destroy();
  engine?.close();
  engine = null;
  cleanedUp = true;
  app.quit();
}

function startEngine(prefs: ShellPreferences): EngineInternals | null {
  try {
    return createEngine({
      dataDir: app.getPath('userData'),
      keyring: createSafeStorageKeyring(safeStorage),
      mode: 'desktop',
      appVersion: app.getVersion(),
      // Sign-in pages (OAuth) open in the user's browser, never inside the app.
      openExternal: (url) => openExternalWebUrl(shell, url),
      desktop: createDesktopShell(prefs, { app, enabled: app.isPackaged }),
    });
  } catch (error) {
    // Refuse to start rather than touch data we could not open; the user reads why.
    const message = error instanceof UserError ? error.message : describeError('internal');
    if (!(error instanceof UserError)) console.error('The engine failed to start:', error);
    dialog.showErrorBox('Switchyard cannot start', message);
    return null;
  }
}

function onReady(): void {
  preferences = openPreferences();
  const prefs = preferences;
  const started = startEngine(prefs);
  engine = started;
  if (!started) {
    app.quit();
    return;
  }
  startOnKeptPort(started, { staticDir: null, logger: consoleLogger }).then(
    (server) => (hookServer = server),
    (error: unknown) => console.error('The webhook server failed to start:', error),
  );
  nativeTheme.themeSource = prefs.shellState().theme;
  const control = createBackgroundControl({
    start: () => startBackground(started, consoleLogger),
    clock: systemClock,
    logger: consoleLogger,
    initialReasons: prefs.shellState().pausedByUser ? ['user'] : [],
  });
  background = control;
  control
    .start()
    .catch((error: unknown) => console.error('Background work failed to start:', error));
  wirePowerEvents(powerMonitor, control, () => app.quit());
  stopNotifications = startNotificationCenter({
    db: started.db,
    clock: systemClock,
    planner: createNotificationPlanner({ preferences: () => prefs.desktop() }),
    onEvent: (listener) => started.onEvent(listener),
    show: (planned) =>
      void showPlannedNotification(notifications, planned, openScreen, iconPathForNotifications()),
  });
  tray = startTray(started, control, prefs);
  // The OS login item follows the preference; a development build never registers itself.
  if (app.isPackaged) applyStartAtLogin(app, prefs.desktop().startAtLogin);
  installContentSecurityPolicy(session.defaultSession, {
    devServerOrigin: renderer.devServerOrigin,
  });
  registerContractIpc(ipcMain, started, { isTrustedSender: isTrustedSenderFor(renderer.isAppUrl) });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged, shell }),
    ),
  );
  const startedHidden =
    process.argv.includes(HIDDEN_ARG) ||
    (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!startedHidden) showMainWindow(started, prefs);
}

function iconPathForNotifications(): string | undefined {
  return process.platform === 'darwin'
    ? undefined
    : join(resourcesDir, 'tray', 'tray-attention.png');
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every web contents ever created, not only the main window's, is kept inside the app.
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { shell, isAppUrl: renderer.isAppUrl }),
  );
  app.on('second-instance', () => void focusMainWindow());
  app.on('activate', () => void focusMainWindow());
  // Only reached when "close to tray" is off: closing the last window then quits (not on macOS).
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  // 'will-quit', not 'before-quit': a window may still cancel the quit after 'before-quit'.
  // Workers finish their batch and close their databases before the process ends.
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    void cleanUpThenQuit();
  });
  app
    .whenReady()
    .then(onReady, (error: unknown) => console.error('Electron failed to start:', error));
}
