import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { describeError, UserError } from '@shared/errors';
import { createEngine, type EngineInternals } from '../engine';
import { startBackground } from '../engine/scheduler/background';
import type { LoopbackServer } from '../engine/server/http-server';
import { startOnKeptPort } from '../engine/server/kept-port';
import type { Engine, Logger } from '../engine/types';
import { forwardEngineEvents, isTrustedSenderFor, registerContractIpc } from './ipc';
import { createSafeStorageKeyring } from './keyring';
import { appMenuTemplate } from './menu';
import { openPreferences } from './preferences';
import { rendererLocation } from './renderer-location';
import { hardenWebContents, installContentSecurityPolicy } from './security';
import { openMainWindow, type WindowBoundsStore } from './window';

const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const renderer = rendererLocation({
  isPackaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  indexHtmlPath: join(import.meta.dirname, '../renderer/index.html'),
});

let engine: Engine | null = null;
let background: Awaited<ReturnType<typeof startBackground>> | null = null;
/** Webhooks and hosted forms; the desktop app serves no UI over HTTP. */
let hookServer: LoopbackServer | null = null;

const consoleLogger: Logger = {
  debug() {},
  info: (message, fields) => console.log(message, fields ?? ''),
  warn: (message, fields) => console.warn(message, fields ?? ''),
  error: (message, fields) => console.error(message, fields ?? ''),
};
let preferences: WindowBoundsStore | null = null;
let mainWindow: BrowserWindow | null = null;

function showMainWindow(running: Engine, prefs: WindowBoundsStore): void {
  const window = openMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    preloadPath,
    workAreas: screen.getAllDisplays().map((display) => display.workArea),
    preferences: prefs,
  });
  const stopEvents = forwardEngineEvents(running, window.webContents);
  window.on('closed', () => {
    stopEvents();
    mainWindow = null;
  });
  mainWindow = window;
  renderer
    .load(window)
    .catch((error: unknown) => console.error('Could not load the renderer:', error));
}

function focusMainWindow(): void {
  if (!mainWindow) {
    // macOS keeps running without windows: a second launch or a dock click brings one back.
    if (engine && preferences) showMainWindow(engine, preferences);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function startEngine(): EngineInternals | null {
  try {
    return createEngine({
      dataDir: app.getPath('userData'),
      keyring: createSafeStorageKeyring(safeStorage),
      mode: 'desktop',
      appVersion: app.getVersion(),
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
  const started = startEngine();
  engine = started;
  if (!started) {
    app.quit();
    return;
  }
  startOnKeptPort(started, { staticDir: null, logger: consoleLogger }).then(
    (server) => (hookServer = server),
    (error: unknown) => console.error('The webhook server failed to start:', error),
  );
  startBackground(started, consoleLogger).then(
    (running) => (background = running),
    (error: unknown) => console.error('Background work failed to start:', error),
  );
  preferences = openPreferences();
  installContentSecurityPolicy(session.defaultSession, {
    devServerOrigin: renderer.devServerOrigin,
  });
  registerContractIpc(ipcMain, started, { isTrustedSender: isTrustedSenderFor(renderer.isAppUrl) });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged, shell }),
    ),
  );
  showMainWindow(started, preferences);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every web contents ever created, not only the main window's, is kept inside the app.
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { shell, isAppUrl: renderer.isAppUrl }),
  );
  app.on('second-instance', focusMainWindow);
  app.on('activate', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // 'will-quit', not 'before-quit': a window may still cancel the quit after 'before-quit'.
  app.on('will-quit', () => {
    void hookServer?.close();
    hookServer = null;
    void background?.stop();
    background = null;
    engine?.close();
    engine = null;
  });
  app
    .whenReady()
    .then(onReady, (error: unknown) => console.error('Electron failed to start:', error));
}
