import type { z } from 'zod';
import type { ConnectorError } from '@shared/connectors/errors';
import type { Clock, Logger } from '../types';
import type { LogValue } from './log-payload';
import type { Redactor } from './redact';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
export type ResponseType = 'json' | 'text' | 'bytes';

export interface HttpRequest<T = unknown> {
  method?: HttpMethod;
  url: string;
  /** Appended to the URL's own query; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** At most one of json, form and body. */
  json?: unknown;
  form?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs?: number;
  /** Sent as Idempotency-Key, or as the header the client was created with. */
  idempotencyKey?: string;
  /** Default: by the response's content-type (JSON, text, otherwise bytes). */
  responseType?: ResponseType;
  /** Which statuses are answers rather than failures; default 200–299. */
  acceptStatus?: (status: number) => boolean;
  /** This request's own response cap (default: the client's, 10 MiB). */
  maxResponseBytes?: number;
  /** Validates a successful body; a mismatch is `unexpected_response`. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
  /** What this request's service means by its failures, consulted before the client's own. */
  classify?: ErrorClassifier;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
  /** The final URL, after redirects. */
  url: string;
  durationMs: number;
}

export interface AuthInjector {
  /** `method` is given for signers that cover it (AWS SigV4). */
  apply(req: { url: URL; headers: Headers; method?: string }): void | Promise<void>;
  /** Called once on 401; when it returns true the request is retried once. */
  refresh?(): Promise<boolean>;
  /** Values to redact wherever they appear. */
  secrets?(): Iterable<string>;
}

export interface RateLimitHook {
  /** Runs before every request; may wait, or throw ConnectorError rate_limited/quota_exceeded. */
  acquire(info: { url: URL; method: string }): Promise<void>;
  onResponse?(info: { status: number; headers: Record<string, string> }): void;
}

/** What a connector knows about its service's errors, consulted before the defaults. */
export type ErrorClassifier = (res: {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}) => ConnectorError | undefined;

/** One HTTP exchange as a step log shows it: everything redacted, bodies size-capped. */
export interface HttpExchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: LogValue };
  response?: { status: number; url: string; headers: Record<string, string>; body?: LogValue };
  error?: ConnectorError;
  durationMs: number;
}

export interface HttpClientOptions {
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
  fetch?: typeof fetch;
  auth?: AuthInjector;
  rateLimit?: RateLimitHook;
  /** Default 30 s. */
  defaultTimeoutMs?: number;
  /** A larger response fails with unexpected_response; default 10 MiB. */
  maxResponseBytes?: number;
  userAgent?: string;
  /** The header that carries HttpRequest.idempotencyKey; default Idempotency-Key. */
  idempotencyKeyHeader?: string;
  classify?: ErrorClassifier;
  /** Refuses (invalid_input) any request or redirect to a URL this returns false for. */
  allowHosts?: (url: URL) => boolean;
  onExchange?: (exchange: HttpExchange) => void;
}

export interface HttpClient {
  request<T = unknown>(req: HttpRequest<T>): Promise<HttpResponse<T>>;
  /** The same client with other credentials (or none), and the connection's rate limits. */
  withAuth(auth: AuthInjector | undefined, rateLimit?: RateLimitHook): HttpClient;
}
