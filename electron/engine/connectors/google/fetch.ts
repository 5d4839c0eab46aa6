import type { calendar as calendarClient, calendar_v3 } from '@googleapis/calendar';
import type { drive as driveClient, drive_v3 } from '@googleapis/drive';
import type { sheets as sheetsClient, sheets_v4 } from '@googleapis/sheets';
import { ConnectorError } from '@shared/connectors/errors';
import type { HttpClient, HttpMethod } from '../../http/client';
import type { ConnectorContext } from '../types';

/**
 * A fetch for the googleapis clients built on the engine's one HTTP layer: the clients only
 * build requests and read answers; auth, rate limits, timeouts, error classification and
 * redacted logging happen in ctx.http. A failed call rejects with the layer's ConnectorError.
 */
export function fetchThrough(
  http: HttpClient,
  signal?: AbortSignal,
  options: { maxResponseBytes?: number } = {},
): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      if (name !== 'authorization') headers[name] = value; // the layer injects the connection's
    });
    const body = init?.body;
    const res = await http.request({
      method: (init?.method ?? 'GET').toUpperCase() as HttpMethod,
      url,
      headers,
      body:
        typeof body === 'string'
          ? body
          : body instanceof URLSearchParams
            ? body.toString()
            : undefined,
      responseType: 'bytes',
      maxResponseBytes: options.maxResponseBytes,
      signal: signal ?? undefined,
    });
    const bytes = res.body as Uint8Array;
    return new Response(res.status === 204 ? null : new Uint8Array(bytes), {
      status: res.status,
      headers: res.headers,
    });
  };
}

/** The ConnectorError behind a googleapis rejection (gaxios wraps what fetch threw as its cause). */
export function unwrapGoogleError(error: unknown): ConnectorError {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (e instanceof ConnectorError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return ConnectorError.from(error);
}

/** Runs one googleapis call and returns its data; failures come back as ConnectorError. */
export async function call<T>(request: Promise<{ data: T }>): Promise<T> {
  try {
    return (await request).data;
  } catch (error) {
    throw unwrapGoogleError(error);
  }
}

export interface GoogleApis {
  sheets: sheets_v4.Sheets;
  drive: drive_v3.Drive;
  calendar: calendar_v3.Calendar;
}

/**
 * Where the connection's Google lives: Google itself, or (tests, the emulator) the root URL its
 * connection names as `apiRootUrl`.
 */
export function apiRootOf(ctx: ConnectorContext): string | undefined {
  const creds = (ctx as { connection?: { credentials?: Record<string, unknown> } }).connection
    ?.credentials;
  const root = creds?.apiRootUrl;
  return typeof root === 'string' && root !== '' ? root : undefined;
}

/**
 * The googleapis packages, loaded the first time a Google step runs: they cost about 20 MB in
 * each thread that loads them, and most threads of most installs never call Google.
 */
let clientFactories: Promise<{
  sheets: typeof sheetsClient;
  drive: typeof driveClient;
  calendar: typeof calendarClient;
}> | null = null;

function loadClientFactories() {
  clientFactories ??= Promise.all([
    import('@googleapis/sheets'),
    import('@googleapis/drive'),
    import('@googleapis/calendar'),
  ]).then(([s, d, c]) => ({ sheets: s.sheets, drive: d.drive, calendar: c.calendar }));
  return clientFactories;
}

/**
 * A whole tab comes back in one values.batchGet: 100,000 rows of 12 columns are ~20 MB of JSON,
 * over the layer's default 10 MiB, and paging would cost a call per page on every full read.
 */
export const SHEETS_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** The real googleapis clients over ctx.http, with their own retries off (engine policy decides). */
export async function googleApis(
  ctx: ConnectorContext,
  rootUrl = apiRootOf(ctx),
): Promise<GoogleApis> {
  const { sheets, drive, calendar } = await loadClientFactories();
  const options = {
    fetchImplementation: fetchThrough(ctx.http, ctx.signal),
    retry: false,
    ...(rootUrl ? { rootUrl } : {}),
  };
  // Each client is built when first used: a poll that only asks Drive for a file's version
  // should not pay for building the Sheets and Calendar clients too.
  const built: Partial<GoogleApis> = {};
  return {
    get sheets() {
      return (built.sheets ??= sheets({
        version: 'v4',
        ...options,
        fetchImplementation: fetchThrough(ctx.http, ctx.signal, {
          maxResponseBytes: SHEETS_MAX_RESPONSE_BYTES,
        }),
      }));
    },
    get drive() {
      return (built.drive ??= drive({ version: 'v3', ...options }));
    },
    get calendar() {
      return (built.calendar ??= calendar({ version: 'v3', ...options }));
    },
  };
}
