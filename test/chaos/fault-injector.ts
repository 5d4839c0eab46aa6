import type { IncomingMessage, ServerResponse } from 'node:http';
import { seededRandom } from '../support/seeded-random';

export const FAULT_KINDS = [
  'rate_limited',
  'server_error',
  'unavailable',
  'timeout',
  'dropped',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How a service words a failing answer (the sink's JSON, Google's error body). */
export type FaultBody = (status: number) => unknown;

/**
 * Answers a seeded share of requests with a fault instead of serving them: 429 with
 * Retry-After, 500, 503, a timeout (the request is held, then its connection cut) or a dropped
 * connection. A faulted request is never served, so it has no effect.
 */
export function createFaultInjector(options: {
  seed: number;
  rate: number;
  retryAfterSec: number;
  /** How long a "timeout" holds the request before cutting it (past the client's timeout). */
  holdMs: number;
  body: FaultBody;
}) {
  const random = seededRandom(options.seed);
  const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const held = new Set<NodeJS.Timeout>();
  let enabled = true;

  const answer = (res: ServerResponse, status: number, headers: Record<string, string> = {}) =>
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(options.body(status)));

  return {
    counts,
    /** Faults this request, or returns null to let it be served. */
    inject(
      req: IncomingMessage,
      res: ServerResponse,
    ): { kind: FaultKind; retryAfterSec?: number } | null {
      if (!enabled || random() >= options.rate) return null;
      const kind = FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)]!;
      counts[kind]++;
      switch (kind) {
        case 'rate_limited':
          answer(res, 429, { 'retry-after': String(options.retryAfterSec) });
          return { kind, retryAfterSec: options.retryAfterSec };
        case 'server_error':
          answer(res, 500);
          break;
        case 'unavailable':
          answer(res, 503);
          break;
        case 'timeout': {
          const timer = setTimeout(() => {
            held.delete(timer);
            req.socket.destroy();
          }, options.holdMs);
          held.add(timer);
          break;
        }
        case 'dropped':
          req.socket.destroy();
          break;
      }
      return { kind };
    },
    /** From now on every request is served (held ones are still cut when due). */
    stop(): void {
      enabled = false;
    },
    close(): void {
      for (const timer of held) clearTimeout(timer);
      held.clear();
    },
  };
}
export type FaultInjector = ReturnType<typeof createFaultInjector>;

/** Every retry after a 429 came at least its Retry-After later (times in ms, same clock). */
export function retryAfterHonoured(
  attempts: readonly { key: string; at: number; retryAfterSec?: number }[],
): { checked: number; violations: string[] } {
  const byKey = new Map<string, { at: number; retryAfterSec?: number }[]>();
  for (const a of attempts) {
    const list = byKey.get(a.key) ?? [];
    list.push(a);
    byKey.set(a.key, list);
  }
  let checked = 0;
  const violations: string[] = [];
  for (const [key, list] of byKey) {
    list.sort((x, y) => x.at - y.at);
    list.forEach((a, i) => {
      const next = list[i + 1];
      if (a.retryAfterSec === undefined || !next) return;
      checked++;
      // The engine keeps due times in whole milliseconds: allow the one it can round away.
      const waited = next.at - a.at;
      if (waited < a.retryAfterSec * 1000 - 1)
        violations.push(
          `${key}: retried ${Math.round(waited)} ms after a 429 asking ${a.retryAfterSec} s`,
        );
    });
  }
  return { checked, violations };
}
