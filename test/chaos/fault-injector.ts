import type { IncomingMessage, ServerResponse } from 'node:http';
import { seededRandom } from '../support/seeded-random';

export const FAULT_KINDS = [
  'rate_limited',
  'server_error',
  'unavailable',
  'timeout',
  'dropped',
  'applied_then_dropped',
  'applied_then_500',
  'applied_then_slow',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Kinds where the service does the work and only its answer fails. */
export const APPLIED_KINDS: ReadonlySet<FaultKind> = new Set([
  'applied_then_dropped',
  'applied_then_500',
  'applied_then_slow',
]);

/** How a service words a failing answer (the sink's JSON, Google's error body). */
export type FaultBody = (status: number) => unknown;

export interface InjectedFault {
  kind: FaultKind;
  retryAfterSec?: number;
  /**
   * Set for the applied kinds: the service does the work (stores the delivery, appends the
   * row), then calls this instead of sending its answer.
   */
  failAnswer?: () => void;
}

/**
 * Answers a seeded share of requests with a fault. Before the work: 429 with Retry-After, 500,
 * 503, a timeout (the request is held past the client's timeout, then its connection cut) or a
 * dropped connection — the request has no effect. After the work (as real services do): the
 * connection dropped, a 500, or the answer held past the client's timeout — the work stands but
 * the client cannot know, so it retries with the same idempotency key.
 */
export function createFaultInjector(options: {
  seed: number;
  rate: number;
  retryAfterSec: number;
  /** How long a timeout holds the request before cutting it (more than the client waits). */
  holdMs: number;
  body: FaultBody;
}) {
  const random = seededRandom(options.seed);
  const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const held = new Set<NodeJS.Timeout>();
  /** Held requests whose client closed the connection first: it timed out on its own. */
  let clientGaveUp = 0;
  let enabled = true;

  const answer = (res: ServerResponse, status: number, headers: Record<string, string> = {}) =>
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(options.body(status)));

  const hold = (req: IncomingMessage, res: ServerResponse) => {
    const timer = setTimeout(() => {
      held.delete(timer);
      req.socket.destroy();
    }, options.holdMs);
    held.add(timer);
    res.once('close', () => {
      if (!held.delete(timer)) return; // cut by the timer (or at close)
      clearTimeout(timer);
      clientGaveUp++;
    });
  };

  const failAnswer = (kind: FaultKind, req: IncomingMessage, res: ServerResponse) => () => {
    if (kind === 'applied_then_dropped') req.socket.destroy();
    else if (kind === 'applied_then_500') answer(res, 500);
    else hold(req, res);
  };

  return {
    counts,
    /** Held requests the client abandoned before the hold ended (its own timeout fired). */
    clientGaveUp: () => clientGaveUp,
    /** Faults this request, or returns null to let it be served. */
    inject(req: IncomingMessage, res: ServerResponse): InjectedFault | null {
      if (!enabled || random() >= options.rate) return null;
      const kind = FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)]!;
      counts[kind]++;
      if (APPLIED_KINDS.has(kind)) return { kind, failAnswer: failAnswer(kind, req, res) };
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
        case 'timeout':
          hold(req, res);
          break;
        default:
          req.socket.destroy();
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
