import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CalendarModel } from './calendar-model';
import type { OAuthState } from './oauth';
import type { SpreadsheetModel } from './sheets-model';
import type { ApiName } from './router';

export interface EmulatorOptions {
  /** The emulator's clock (ms since epoch); default Date.now. */
  now?: () => number;
  /** How long after a Sheets write Drive's version and modifiedTime show it; default 3 s. */
  driveVersionLagMs?: number;
  /** Lifetime of access tokens; default 3599 s, as Google's. */
  accessTokenTtlSec?: number;
  /** Sheets read requests allowed per minute per account; default 60, as Google's. */
  readsPerMinutePerUser?: number;
  /** Sheets write requests allowed per minute per account; default 60. */
  writesPerMinutePerUser?: number;
  /** OAuth clients it accepts; default one: EMULATOR_CLIENT. */
  clients?: readonly OAuthClient[];
  /** Google accounts that can sign in; default ada@example.com. The first signs in by default. */
  accounts?: readonly string[];
  /**
   * Chaos: called for every API request (not OAuth, not control) before it is handled; it may
   * answer or drop the request itself and return true, so the request is not handled, or return
   * `{ failAnswer }`: the request is handled (a write is applied), then `failAnswer` runs instead
   * of the answer being sent.
   */
  intercept?(
    req: IncomingMessage,
    res: ServerResponse,
    api: ApiName,
  ): boolean | { failAnswer(): void };
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export const EMULATOR_CLIENT: OAuthClient = {
  clientId: 'emulator-client.apps.googleusercontent.com',
  clientSecret: 'emulator-client-secret',
};

export interface RequestLogEntry {
  at: number;
  api: ApiName;
  method: string;
  path: string;
  query: string;
  status: number;
  user?: string;
  requestBytes: number;
  responseBytes: number;
}

export interface Fault {
  status: number;
  remaining: number;
  retryAfterSec?: number;
  /** Google's `errors[0].reason`, e.g. userRateLimitExceeded (default: the status's usual one). */
  reason?: string;
  /** Only requests to this API (default any but oauth). */
  api?: ApiName;
  method?: string;
  /** Only paths containing this text. */
  pathIncludes?: string;
}

export interface DriveFileModel {
  id: string;
  name: string;
  mimeType: string;
  owner: string;
  trashed: boolean;
  createdTime: number;
  modifiedTime: number;
}

export interface EmulatorState {
  now(): number;
  driveVersionLagMs: number;
  accessTokenTtlSec: number;
  readsPerMinutePerUser: number;
  writesPerMinutePerUser: number;
  accounts: string[];
  oauth: OAuthState;
  spreadsheets: Map<string, SpreadsheetModel>;
  /** Drive files that are not spreadsheets (documents, folders…), for `files.list` filters. */
  otherFiles: Map<string, DriveFileModel>;
  calendars: Map<string, CalendarModel>;
  log: RequestLogEntry[];
  faults: Fault[];
  /** Per account and kind, the times of recent quota-counted requests. */
  quota: Map<string, number[]>;
}

let idCounter = 0;
/** An id shaped like Google's (letters, digits, - and _), unique within the process. */
export function googleId(prefix: string, length = 44): string {
  idCounter++;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let out = prefix + idCounter.toString(36);
  while (out.length < length) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

export function ownedBy<T extends { owner: string }>(
  item: T | undefined,
  user: string,
): T | undefined {
  return item && item.owner === user ? item : undefined;
}
