import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorState } from './state';

export type ApiName = 'oauth' | 'sheets' | 'drive' | 'calendar' | 'control';

export interface RouteContext {
  method: string;
  url: URL;
  /** The route pattern's capture groups, URL-decoded. */
  params: string[];
  /** Parsed JSON or form body ({} when there is none). */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The account the Bearer token belongs to (routes with `bearer`). */
  user: string;
  scopes: readonly string[];
  state: EmulatorState;
}

export interface RouteReply {
  status?: number;
  /** Sent as JSON; absent means an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Matched against the raw (still encoded) path. */
  path: RegExp;
  api: ApiName;
  /** Needs a valid Bearer access token. */
  bearer: boolean;
  /** The token needs one of these scopes (full URLs). */
  scopes?: readonly string[];
  /** Counts against the per-user read (or write) quota. */
  quota?: 'read' | 'write';
  handle(ctx: RouteContext): RouteReply | Promise<RouteReply>;
}

export const SCOPE = {
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  sheetsReadonly: 'https://www.googleapis.com/auth/spreadsheets.readonly',
  drive: 'https://www.googleapis.com/auth/drive',
  driveReadonly: 'https://www.googleapis.com/auth/drive.readonly',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  driveMetadataReadonly: 'https://www.googleapis.com/auth/drive.metadata.readonly',
  calendar: 'https://www.googleapis.com/auth/calendar',
  calendarReadonly: 'https://www.googleapis.com/auth/calendar.readonly',
  calendarEvents: 'https://www.googleapis.com/auth/calendar.events',
  email: 'https://www.googleapis.com/auth/userinfo.email',
  openid: 'openid',
} as const;

export const SHEETS_READ_SCOPES = [
  SCOPE.sheets,
  SCOPE.sheetsReadonly,
  SCOPE.drive,
  SCOPE.driveReadonly,
  SCOPE.driveFile,
];
export const SHEETS_WRITE_SCOPES = [SCOPE.sheets, SCOPE.drive, SCOPE.driveFile];
export const DRIVE_READ_SCOPES = [
  SCOPE.drive,
  SCOPE.driveReadonly,
  SCOPE.driveFile,
  SCOPE.driveMetadataReadonly,
];
export const CALENDAR_READ_SCOPES = [SCOPE.calendar, SCOPE.calendarReadonly, SCOPE.calendarEvents];
export const CALENDAR_WRITE_SCOPES = [SCOPE.calendar, SCOPE.calendarEvents];

export function queryInt(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}
