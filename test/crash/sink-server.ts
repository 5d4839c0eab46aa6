import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SinkDelivery } from './sink-connector';

/** One request as the sink saw it, delivered or refused by an injected fault. */
export interface SinkAttempt {
  key: string;
  item: string;
  /** performance.now() when the request arrived. */
  at: number;
  /** What the sink answered instead of accepting it; null: accepted. */
  fault: string | null;
  /** The Retry-After (seconds) sent with a 429. */
  retryAfterSec?: number;
}

export interface SinkOptions {
  /**
   * Decides per request whether it fails instead of being accepted: the hook answers (or
   * drops) the request itself and returns what it did, or returns null to let it through.
   * With `failAnswer` the delivery is stored first, then that fails the answer instead.
   */
  fault?(
    req: IncomingMessage,
    res: ServerResponse,
  ): { kind: string; retryAfterSec?: number; failAnswer?: () => void } | null;
  /** A label stored with each delivery (e.g. which engine life sent it). */
  tag?(): number;
}

/**
 * The receiving service: records every delivery raw, as it arrives, and answers 200. The key is
 * the request's Idempotency-Key header, else the body's `key`; the item is the body's `item`.
 */
export async function startSink(options: SinkOptions = {}) {
  /** Stored deliveries; `unanswered`: stored, then the answer failed (the sender never knew). */
  const received: (SinkDelivery & {
    tag?: number;
    at: number;
    wallAt: number;
    unanswered?: string;
  })[] = [];
  const attempts: SinkAttempt[] = [];
  const server = createServer((req, res) => {
    const at = performance.now();
    const wallAt = Date.now();
    const tag = options.tag?.();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A sender killed mid-request leaves a torn request: nothing was delivered.
    req.on('error', () => undefined);
    req.on('end', () => {
      let body: { key?: unknown; item?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        res.writeHead(400).end();
        return;
      }
      const header = req.headers['idempotency-key'];
      const key = String((typeof header === 'string' ? header : undefined) ?? body.key);
      const item = String(body.item);
      const fault = options.fault?.(req, res) ?? null;
      attempts.push({
        key,
        item,
        at,
        fault: fault?.kind ?? null,
        retryAfterSec: fault?.retryAfterSec,
      });
      if (fault && !fault.failAnswer) return;
      received.push({
        key,
        item,
        at,
        wallAt,
        ...(tag === undefined ? {} : { tag }),
        ...(fault ? { unanswered: fault.kind } : {}),
      });
      if (fault?.failAnswer) return fault.failAnswer();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: received.length }));
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/deliveries`,
    received,
    attempts,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
export type Sink = Awaited<ReturnType<typeof startSink>>;

/** The figures of what reached the sink. */
export function sinkFigures(received: readonly SinkDelivery[]) {
  const keysByItem = new Map<string, Set<string>>();
  for (const { key, item } of received) {
    const keys = keysByItem.get(item) ?? new Set<string>();
    keys.add(key);
    keysByItem.set(item, keys);
  }
  const distinctKeys = new Set(received.map((d) => d.key)).size;
  return {
    raw: received.length,
    distinctKeys,
    keysByItem,
    /** Items delivered under more than one idempotency key. */
    duplicated: [...keysByItem.values()].filter((keys) => keys.size > 1).length,
    /** Deliveries that repeated a key already delivered. */
    redeliveries: received.length - distinctKeys,
  };
}
