import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ErrorCode, ErrorPayload } from '@shared/errors';
import { describeError } from '@shared/errors';
import type { Result } from '@shared/ipc/result';
import { contentSecurityPolicy } from '@shared/security';
import type { EngineInternals } from '../index';
import type { Logger } from '../types';
import {
  hostIsAllowed,
  originIsAllowed,
  presentedToken,
  sessionCookieName,
  tokensMatch,
} from './access';
import { createFormRoute } from './forms';
import { connectionKind, secretFieldsOf } from '@shared/connections/registry';
import { createHookRoute } from './hooks';
import { createIntake } from './intake';
import { MAX_WORKFLOW_FILE_BYTES } from '@shared/workflow/file/format';
import { readBody } from './read-body';
import { refuse as refuseHook } from './refuse';
import { diskFull, isDiskFull } from '../db/storage-errors';

/** How long a sender refused for a full disk is asked to wait before retrying. */
const DISK_FULL_RETRY_AFTER_S = 60;
import { serveStatic } from './static-files';

export const MAX_API_BODY_BYTES = 1024 * 1024;
/**
 * The channels that carry a workflow file as JSON text: the file may be 5 MB, and escaping can
 * make its JSON string up to six times longer; the reader then refuses it with the 5 MB message.
 */
const FILE_BODY_BYTES = MAX_WORKFLOW_FILE_BYTES * 6 + 64 * 1024;
const bodyLimitOf = (channel: string): number =>
  channel === 'files:preview' || channel === 'files:import' ? FILE_BODY_BYTES : MAX_API_BODY_BYTES;
const SSE_HEARTBEAT_MS = 25_000;

export interface LoopbackServerOptions {
  engine: EngineInternals;
  /** The built renderer (out/renderer); null serves webhooks and forms only (the desktop app). */
  staticDir: string | null;
  /** The random access token; a browser presents it once in the URL and then by cookie. */
  token: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
}

export interface LoopbackServer {
  port: number;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unknown_channel: 404,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden_origin: 403,
  payload_too_large: 413,
  invalid_file: 422,
  file_too_large: 413,
  file_newer_schema: 422,
  missing_connector: 422,
  vault_unavailable: 409,
  vault_locked: 409,
  desktop_unavailable: 409,
  disk_full: 507,
};

const SECURITY_HEADERS = {
  'content-security-policy': contentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * The loopback server of browser mode: the built renderer, the contract at POST /api/call/<channel>,
 * and engine events as Server-Sent Events at /api/events. It binds 127.0.0.1 only, checks Host
 * and Origin against DNS rebinding and cross-site calls, and requires the access token.
 */
export function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const { engine, staticDir, token, logger } = options;
  const sockets = new Set<Socket>();
  let port = 0;
  const settings = () => engine.repos.settings.get();
  const intake = createIntake(engine.workflowEngine.queue);
  const routeDeps = {
    db: engine.db,
    workflows: engine.repos.workflows,
    endpoints: engine.endpoints,
    intake,
    clock: engine.clock,
  };
  const handleHook = createHookRoute({
    ...routeDeps,
    audit: engine.repos.audit,
    settings,
    logger,
    credentialsOf: (id) => {
      const stored = engine.repos.connections.credentialsOf(id);
      const kind = stored && connectionKind(stored.kind);
      for (const name of kind ? secretFieldsOf(kind) : []) {
        const value = stored?.values[name];
        if (typeof value === 'string') engine.redactor.addSecret(value);
      }
      return stored?.values;
    },
  });
  const handleForm = createFormRoute(routeDeps);

  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    handle(req, res).catch((error: unknown) => {
      logger.error('loopback request failed', {
        error: error instanceof Error ? error.stack : String(error),
      });
      if (!res.headersSent)
        sendError(res, 500, { code: 'internal', message: describeError('internal') });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Webhooks and forms are for outside senders: they arrive through the user's tunnel with its
    // Host, carry no token, and have their own checks (signatures, spam guard).
    const publicRoute = /^\/(hooks|forms)\/([A-Za-z0-9_-]{1,64})\/?$/.exec(
      (req.url ?? '/').split('?')[0]!,
    );
    if (publicRoute) {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      try {
        if (publicRoute[1] === 'hooks') await handleHook(req, res, publicRoute[2]!, url);
        else await handleForm(req, res, publicRoute[2]!);
        // One taken while the disk was full may mean room came back: look now.
        if (engine.storage.isFull()) engine.storage.check();
        return;
      } catch (error) {
        if (!isDiskFull(error) || res.headersSent) throw error;
        // A sender retries a 503 with Retry-After: the delivery is deferred, not lost.
        logger.error('an incoming delivery was refused: the disk is full', { path: url.pathname });
        engine.storage.refused(
          `A ${publicRoute[1] === 'hooks' ? 'webhook delivery' : 'form entry'}`,
        );
        res.setHeader('retry-after', String(DISK_FULL_RETRY_AFTER_S));
        return refuseHook(res, 503, diskFull('The delivery').message, 'disk_full');
      }
    }
    if (staticDir === null) {
      return sendError(res, 404, { code: 'not_found', message: 'Nothing is served here.' });
    }
    if (!hostIsAllowed(req, port)) {
      return sendError(res, 403, {
        code: 'forbidden_origin',
        message: `Host "${req.headers.host ?? ''}" is not allowed; use http://127.0.0.1:${port}/.`,
      });
    }
    if (!originIsAllowed(req, port)) {
      return sendError(res, 403, {
        code: 'forbidden_origin',
        message: `Requests from ${req.headers.origin} are refused.`,
      });
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isApi = url.pathname.startsWith('/api/');

    const offered = url.searchParams.get('token');
    if (offered !== null && req.method === 'GET' && !isApi) {
      if (!tokensMatch(offered, token)) return refuse(res, false);
      url.searchParams.delete('token');
      res.writeHead(303, {
        'set-cookie': `${sessionCookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname + url.search,
      });
      return void res.end();
    }
    if (!tokensMatch(presentedToken(req, port), token)) return refuse(res, isApi);

    if (url.pathname === '/api/events') return streamEvents(req, res);
    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return sendError(res, 405, {
          code: 'invalid_input',
          message: 'Use POST for /api/call/<channel>.',
        });
      }
      return callChannel(decodeURIComponent(url.pathname.slice('/api/call/'.length)), req, res);
    }
    if (isApi)
      return sendError(res, 404, {
        code: 'unknown_channel',
        message: `No API at ${url.pathname}.`,
      });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, {
        code: 'invalid_input',
        message: `${req.method} is not allowed here.`,
      });
    }
    serveStatic(staticDir, url.pathname, res);
  }

  async function callChannel(
    channel: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const type = req.headers['content-type'] ?? '';
    if (!type.toLowerCase().startsWith('application/json')) {
      // Also keeps simple cross-site form posts out: they cannot send application/json.
      return sendError(res, 415, {
        code: 'invalid_input',
        message: 'Send the input as application/json.',
      });
    }
    const limit = bodyLimitOf(channel);
    const body = await readBody(req, limit);
    if (body === null) {
      return sendError(res, 413, {
        code: 'payload_too_large',
        message: `The request body is larger than ${limit} bytes.`,
      });
    }
    let input: unknown = undefined;
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch (error) {
        return sendError(res, 400, {
          code: 'invalid_input',
          message: `The request body is not valid JSON (${(error as Error).message}).`,
        });
      }
    }
    const result = await engine.invoke(channel, input);
    sendJson(res, result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 500), result);
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = engine.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      engine.endpoints.setLivePort(port);
      resolvePromise({
        port,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            engine.endpoints.setLivePort(null);
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

function refuse(res: ServerResponse, asJson: boolean): void {
  const message = describeError('unauthorized');
  if (asJson) return sendError(res, 401, { code: 'unauthorized', message });
  res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><meta charset="utf-8"><title>Switchyard — sign in</title>` +
      `<body style="font-family:system-ui;margin:4rem;max-width:40rem"><h1>Not authorised</h1>` +
      `<p>${message}</p><p>The address with its token is printed in the terminal where <code>npm run serve</code> runs.</p></body>`,
  );
}

function sendError(res: ServerResponse, status: number, error: ErrorPayload): void {
  sendJson(res, status, { ok: false, error } satisfies Result<never>);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}
