/**
 * Hand-written stand-ins for exactly the Electron APIs the shell touches: no Electron binary can
 * run on the build machine, so these are the one place a fake is right.
 */
import { EventEmitter } from 'node:events';
import type { BridgeIpcRenderer } from '../../electron/preload/bridge';
import type { HardenableSession, HardenableWebContents } from '../../electron/main/security';
import type { SafeStorageLike } from '../../electron/main/keyring';
import type { MainWindowLike } from '../../electron/main/window';
import type { Rect } from '../../electron/main/window-bounds';
import type { ContractIpcMain, InvokeSender } from '../../electron/main/ipc';

export class FakeWebContents extends EventEmitter implements HardenableWebContents {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits a navigation-like event the way Electron does; returns whether a listener prevented it. */
  attempt(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    let prevented = false;
    this.emit(event, {
      url,
      preventDefault: () => {
        prevented = true;
      },
    });
    return prevented;
  }
}

export class FakeShell {
  readonly opened: string[] = [];
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
}

type HeadersListener = Parameters<HardenableSession['webRequest']['onHeadersReceived']>[0];
type PermissionHandler = Parameters<HardenableSession['setPermissionRequestHandler']>[0];

export class FakeSession implements HardenableSession {
  headersListener: HeadersListener | null = null;
  permissionHandler: PermissionHandler | null = null;
  permissionCheck: (() => boolean) | null = null;
  webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionHandler): void {
    this.permissionHandler = handler;
  }
  setPermissionCheckHandler(handler: () => boolean): void {
    this.permissionCheck = handler;
  }
}

/** A reversible "encryption" that is enough to prove the keyring's wiring. */
export class FakeSafeStorage implements SafeStorageLike {
  constructor(
    public available = true,
    public backend = 'gnome_libsecret',
  ) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    return Buffer.from(`sealed:${plainText}`, 'utf8').reverse();
  }
  decryptString(encrypted: Buffer): string {
    const text = Buffer.from(encrypted).reverse().toString('utf8');
    if (!text.startsWith('sealed:'))
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    return text.slice('sealed:'.length);
  }
}

type InvokeHandler = Parameters<ContractIpcMain['handle']>[1];

export class FakeIpcMain implements ContractIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, listener: InvokeHandler): void {
    // Electron throws on a second handler for one channel; so does the fake.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a channel as a renderer frame at `url` would (parent null: a top frame). */
  invokeFrom(
    channel: string,
    input: unknown,
    frame: InvokeSender['senderFrame'],
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler({ senderFrame: frame }, input);
  }
}

export class FakeIpcRenderer extends EventEmitter implements BridgeIpcRenderer {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: `reply to ${channel}` });
  }
}

export class FakeBrowserWindow extends EventEmitter implements MainWindowLike {
  shown = false;
  maximized = false;
  destroyed = false;
  constructor(public bounds: Rect) {
    super();
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {
    this.shown = true;
  }
  maximize(): void {
    this.maximized = true;
  }
}

/** Tray: records what the shell set on it and lets a test click the icon. */
export class FakeTray extends EventEmitter {
  images: string[] = [];
  toolTip = '';
  menu: unknown = null;
  destroyed = false;
  setImage(image: string): void {
    this.images.push(image);
  }
  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** powerMonitor: a test emits 'suspend', 'resume', … as the OS would. */
export class FakePowerMonitor extends EventEmitter {}

export class FakeNotification extends EventEmitter {
  shown = false;
  constructor(public options: { title: string; body: string; icon?: string }) {
    super();
  }
  show(): void {
    this.shown = true;
  }
}

export class FakeNotifications {
  readonly created: FakeNotification[] = [];
  constructor(public supported = true) {}
  isSupported(): boolean {
    return this.supported;
  }
  create(options: { title: string; body: string; icon?: string }): FakeNotification {
    const n = new FakeNotification(options);
    this.created.push(n);
    return n;
  }
}

export class FakeLoginApp {
  settings: { openAtLogin: boolean; args?: string[] } | null = null;
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void {
    this.settings = settings;
  }
}

/** A window that can be closed by the user (emits 'close' with preventDefault). */
export class FakeClosableWindow extends EventEmitter {
  hidden = false;
  closed = false;
  hide(): void {
    this.hidden = true;
  }
  /** The user clicked the close button: true when the window really closed. */
  userCloses(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    this.closed = !prevented;
    return this.closed;
  }
}
