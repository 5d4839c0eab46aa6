import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calendarRoutes } from './calendar';
import { createControl, type GoogleEmulatorControl } from './control';
import { driveRoutes } from './drive';
import { GoogleApiError, injectedError, insufficientScopes, notFound } from './errors';
import { authenticate, createOAuthState, oauthRoutes } from './oauth';
import type { Route, RouteReply } from './router';
import { sheetsSpreadsheetRoutes } from './sheets-spreadsheets';
import { sheetsValuesRoutes } from './sheets-values';
import {
  EMULATOR_CLIENT,
  type EmulatorOptions,
  type EmulatorState,
  type OAuthClient,
} from './state';

export { EMULATOR_CLIENT } from './state';
export type { EmulatorOptions, OAuthClient } from './state';

const ROUTES: readonly Route[] = [
  ...oauthRoutes,
  ...sheetsValuesRoutes,
  ...sheetsSpreadsheetRoutes,
  ...driveRoutes,
  ...calendarRoutes,
];
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface GoogleEmulator {
  /** `http://127.0.0.1:PORT/`: pass it as every googleapis client's `rootUrl`. */
  url: string;
  port: number;
  /** The OAuth endpoints, named as google-auth-library's OAuth2Client `endpoints` option. */
  endpoints: {
    oauth2AuthBaseUrl: string;
    oauth2TokenUrl: string;
    oauth2RevokeUrl: string;
    tokenInfoUrl: string;
    userInfoUrl: string;
  };
  client: OAuthClient;
  control: GoogleEmulatorControl;
  state: EmulatorState;
  /** A token as a finished sign-in would hold, for tests of the APIs (not of OAuth). */
  issueToken(
    user?: string,
    scopes?: readonly string[],
  ): { accessToken: string; refreshToken: string };
  close(): Promise<void>;
}

export async function startGoogleEmulator(options: EmulatorOptions = {}): Promise<GoogleEmulator> {
  const state: EmulatorState = {
    now: options.now ?? Date.now,
    driveVersionLagMs: options.driveVersionLagMs ?? 3000,
    accessTokenTtlSec: options.accessTokenTtlSec ?? 3599,
    readsPerMinutePerUser: options.readsPerMinutePerUser ?? 60,
    writesPerMinutePerUser: options.writesPerMinutePerUser ?? 60,
    accounts: [],
    oauth: createOAuthState(options.clients),
    spreadsheets: new Map(),
    otherFiles: new Map(),
    calendars: new Map(),
    log: [],
    faults: [],
    quota: new Map(),
  };
  const control = createControl(state);
  const intercept = options.intercept;
  for (const email of options.accounts ?? ['ada@example.com']) control.addAccount(email);

  const server = createServer((req, res) => {
    handle(state, control, req, res, intercept).catch((error: unknown) => {
      console.error('google emulator: unhandled', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    port,
    endpoints: {
      oauth2AuthBaseUrl: `${url}o/oauth2/v2/auth`,
      oauth2TokenUrl: `${url}token`,
      oauth2RevokeUrl: `${url}revoke`,
      tokenInfoUrl: `${url}tokeninfo`,
      userInfoUrl: `${url}oauth2/v3/userinfo`,
    },
    client: options.clients?.[0] ?? EMULATOR_CLIENT,
    control,
    state,
    issueToken(user = state.accounts[0]!, scopes = ALL_SCOPES) {
      const clientId = (options.clients?.[0] ?? EMULATOR_CLIENT).clientId;
      const refreshToken = `1//emu-direct-${Math.random().toString(36).slice(2)}`;
      const accessToken = `ya29.emu-direct-${Math.random().toString(36).slice(2)}`;
      state.oauth.refreshTokens.set(refreshToken, { user, clientId, scopes: [...scopes] });
      state.oauth.accessTokens.set(accessToken, {
        user,
        clientId,
        scopes: [...scopes],
        refreshToken,
        expiresAt: state.now() + state.accessTokenTtlSec * 1000,
      });
      return { accessToken, refreshToken };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ALL_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/userinfo.email',
];

async function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new GoogleApiError(413, 'Request payload size exceeds the limit.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return {};
  const text = raw.toString('utf8');
  if ((contentType ?? '').includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GoogleApiError(
      400,
      `Invalid JSON payload received. Unexpected token.\n${text.slice(0, 40)}`,
      'parseError',
    );
  }
}

function takeFault(
  state: EmulatorState,
  route: Route,
  method: string,
  path: string,
): GoogleApiError | undefined {
  const fault = state.faults.find(
    (f) =>
      f.remaining > 0 &&
      (f.api === undefined ? route.api !== 'oauth' : f.api === route.api) &&
      (f.method === undefined || f.method.toUpperCase() === method) &&
      (f.pathIncludes === undefined || decodeURIComponent(path).includes(f.pathIncludes)),
  );
  if (!fault) return undefined;
  fault.remaining--;
  return injectedError(fault.status, fault.retryAfterSec, fault.reason);
}

/** Sheets' per-user quota: a sliding minute of counted requests; refused ones do not count. */
function checkQuota(state: EmulatorState, user: string, kind: 'read' | 'write'): void {
  const key = `${user}\u0000${kind}`;
  const now = state.now();
  const recent = (state.quota.get(key) ?? []).filter((t) => t > now - 60_000);
  const limit = kind === 'read' ? state.readsPerMinutePerUser : state.writesPerMinutePerUser;
  if (recent.length >= limit) {
    state.quota.set(key, recent);
    const metric = kind === 'read' ? 'Read requests' : 'Write requests';
    throw new GoogleApiError(
      429,
      `Quota exceeded for quota metric '${metric}' and limit '${metric} per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.`,
      'rateLimitExceeded',
    );
  }
  recent.push(now);
  state.quota.set(key, recent);
}

async function handle(
  state: EmulatorState,
  control: GoogleEmulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
  intercept?: EmulatorOptions['intercept'],
) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = await readRequestBody(req);

  if (url.pathname.startsWith('/__emu/')) return handleControl(control, url, raw, res);

  const route = ROUTES.find((r) => r.method === method && r.path.test(url.pathname));
  const intercepted = route && route.api !== 'oauth' ? intercept?.(req, res, route.api) : false;
  if (intercepted === true) return;
  let reply: RouteReply;
  let user: string | undefined;
  try {
    if (!route) throw notFound(`The requested URL ${url.pathname} was not found on this server.`);
    const fault = takeFault(state, route, method, url.pathname);
    if (fault) throw fault;
    let scopes: readonly string[] = [];
    if (route.bearer) {
      const token = authenticate(state, req.headers.authorization);
      user = token.user;
      scopes = token.scopes;
      if (route.scopes && !route.scopes.some((s) => scopes.includes(s))) throw insufficientScopes();
    }
    if (route.quota && user) checkQuota(state, user, route.quota);
    const match = route.path.exec(url.pathname)!;
    const params = match.slice(1).map((p) => decodeURIComponent(p));
    const body = parseBody(raw, req.headers['content-type']);
    reply = await route.handle({
      method,
      url,
      params,
      body,
      headers: req.headers,
      user: user ?? '',
      scopes,
      state,
    });
  } catch (error) {
    if (!(error instanceof GoogleApiError)) {
      console.error('google emulator: route failed', error);
    }
    const e =
      error instanceof GoogleApiError
        ? error
        : new GoogleApiError(500, 'Internal error encountered.', 'backendError');
    reply = { status: e.code, body: e.toBody(), headers: e.headers };
  }
  const status = reply.status ?? 200;
  const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
  const headers: Record<string, string> = { ...reply.headers };
  if (payload !== '') headers['content-type'] = 'application/json; charset=UTF-8';
  if (typeof intercepted === 'object') intercepted.failAnswer();
  else res.writeHead(status, headers).end(payload);
  state.log.push({
    at: state.now(),
    api: route?.api ?? 'oauth',
    method,
    path: url.pathname,
    query: url.search,
    status,
    user,
    requestBytes: raw.length,
    responseBytes: Buffer.byteLength(payload),
  });
}

function handleControl(
  control: GoogleEmulatorControl,
  url: URL,
  raw: Buffer,
  res: ServerResponse,
): void {
  const name = url.pathname.slice('/__emu/'.length) as keyof GoogleEmulatorControl;
  const fn = Object.hasOwn(control, name)
    ? (control[name] as (...args: unknown[]) => unknown)
    : undefined;
  if (!fn) {
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: `No control method ${name}` }));
    return;
  }
  try {
    const args = raw.length === 0 ? [] : (JSON.parse(raw.toString('utf8')) as unknown);
    if (!Array.isArray(args)) throw new Error('The body must be a JSON array of arguments.');
    const result = fn(...args);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(result === undefined ? '' : JSON.stringify(result));
  } catch (error) {
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: (error as Error).message }));
  }
}
