import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a stub route sees it. */
export interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body read as JSON or as a form, when it is one. */
  json?: unknown;
  form?: Record<string, string>;
  /** Regex groups of the route's path pattern. */
  params: string[];
}

export interface StubReply {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON, a string as text, undefined as no body. */
  body?: unknown;
}

export interface StubRoute {
  method: string;
  path: RegExp;
  handle(req: StubRequest): StubReply | Promise<StubReply>;
}

export interface Stub {
  url: string;
  received: StubRequest[];
  /** Answers the next request (of any route) with this reply instead: 401s, 429s, 500s. */
  failNext(reply: StubReply): void;
  close(): Promise<void>;
}

/**
 * A service stub on 127.0.0.1, port 0: routes answer with the shapes the service's API reference
 * documents; everything it received is kept for assertions.
 */
export function startStub(routes: readonly StubRoute[]): Promise<Stub> {
  const received: StubRequest[] = [];
  const queued: StubReply[] = [];
  const server = createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const type = raw.headers['content-type'] ?? '';
      const req: StubRequest = {
        method: raw.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: raw.headers,
        rawBody,
        params: [],
      };
      try {
        if (type.includes('json') && rawBody !== '') req.json = JSON.parse(rawBody);
      } catch {
        req.json = undefined;
      }
      if (type.includes('x-www-form-urlencoded'))
        req.form = Object.fromEntries(new URLSearchParams(rawBody));
      received.push(req);
      const send = (reply: StubReply) => {
        const headers: Record<string, string> = { ...reply.headers };
        let body: string | undefined;
        if (typeof reply.body === 'string') {
          body = reply.body;
          headers['content-type'] ??= 'text/plain; charset=utf-8';
        } else if (reply.body !== undefined) {
          body = JSON.stringify(reply.body);
          headers['content-type'] ??= 'application/json; charset=utf-8';
        }
        res.writeHead(reply.status, headers);
        res.end(body);
      };
      const failure = queued.shift();
      if (failure) return send(failure);
      const route = routes.find((r) => r.method === req.method && r.path.test(req.path));
      if (!route)
        return send({
          status: 404,
          body: { message: `No stub route for ${req.method} ${req.path}` },
        });
      req.params = route.path.exec(req.path)!.slice(1);
      Promise.resolve(route.handle(req)).then(send, (error: unknown) =>
        send({ status: 500, body: { message: String(error) } }),
      );
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        received,
        failNext: (reply) => void queued.push(reply),
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The user and password of a Basic Authorization header, or null. */
export function basicAuth(req: StubRequest): { user: string; password: string } | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The token of a Bearer Authorization header, or null. */
export function bearer(req: StubRequest): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : null;
}

export const E164 = /^\+[1-9]\d{6,14}$/;
