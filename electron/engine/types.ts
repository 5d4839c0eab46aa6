import type { DesktopPreferences, DesktopPreferencesPatch } from '@shared/desktop';
import type { EngineEvent } from '@shared/events';
import type { Result } from '@shared/ipc/result';
import type { DescriptorLookup } from '@shared/connectors/registry';
import type { ConnectorImpls } from './connectors/registry';
import type { StorageHealthOptions } from './db/storage-health';

/** Injected time source, so tests and the scheduler can move time. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Wraps and unwraps the vault's data key. In the desktop app this is Electron's safeStorage
 * (the OS keychain); headless it is a 0600 key file in the data directory.
 */
export interface Keyring {
  /** Stable name recorded beside the wrapped key, e.g. 'safeStorage' or 'keyfile'. */
  readonly kind: string;
  /** Null when the keyring can protect secrets; otherwise the reason it cannot. */
  unavailableReason(): string | null;
  wrap(dataKey: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

export type Failpoint = 'claimed' | 'action-returned' | 'accept-commit';

export interface EngineOptions {
  dataDir: string;
  keyring: Keyring;
  clock?: Clock;
  logger?: Logger;
  /** Which shell hosts the engine; reported by app:info. */
  mode?: 'desktop' | 'browser';
  appVersion?: string;
  /** Randomness for retry jitter; tests make it predictable. */
  random?: () => number;
  /**
   * Test-only fault injection: called at the named moments so a crash test can kill the
   * process exactly there. Never set in production.
   */
  failpoint?: (name: Failpoint) => void;
  /**
   * Opens a URL in the system browser (the desktop app passes shell.openExternal). Without it,
   * `connections:authorize` leaves opening the sign-in page to the renderer (browser mode).
   */
  openExternal?(url: string): Promise<void> | void;
  /** Connectors other than the built-in ones (tests plant their own here). */
  connectors?: { lookup: DescriptorLookup; impls: ConnectorImpls };
  /** The desktop shell's preferences, behind desktop:get/set; absent in browser mode and the CLI. */
  desktop?: DesktopShell;
  /** How a full disk is checked for room again (tests shorten the interval). */
  storageHealth?: Pick<StorageHealthOptions, 'probeEveryMs' | 'minFreeBytes' | 'freeBytes'>;
}

/** What the Electron shell lends the engine so the renderer can read and change its preferences. */
export interface DesktopShell {
  get(): DesktopPreferences;
  /** Applies a validated change (and its effects, e.g. the login item); returns the result. */
  change(patch: DesktopPreferencesPatch): DesktopPreferences;
}

export interface Engine {
  readonly dataDir: string;
  /** The one entry point for every contract call, from IPC and from the HTTP bridge alike. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: EngineEvent) => void): () => void;
  close(): void;
}
