import { EVENT_ID_HEADER } from './world';

export interface SenderFigures {
  /** Items the engine acknowledged: 202 (stored) or 200 (a repeat it had already stored). */
  acknowledged: Set<number>;
  /** Items whose first acknowledgement was 200 duplicate: a repeat after an answer was cut. */
  acknowledgedAsDuplicate: number;
  /** Sends that got no acknowledgement (refused connection, cut answer, error status). */
  retries: number;
}

/**
 * A webhook sender as a real service behaves: POSTs items 1…total with a stable event id,
 * paced at `perSecond`, a few at a time, and repeats a POST until it is acknowledged — while
 * the engine is down, after a cut answer, or on an error status.
 */
export function startWebhookSender(options: {
  url: () => string | null;
  total: number;
  perSecond: number;
  concurrency?: number;
  retryDelayMs?: number;
}) {
  const figures: SenderFigures = {
    acknowledged: new Set(),
    acknowledgedAsDuplicate: 0,
    retries: 0,
  };
  let stopped = false;
  let next = 1;
  const started = performance.now();
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function sendUntilAcknowledged(n: number): Promise<void> {
    while (!stopped) {
      const url = options.url();
      if (url) {
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [EVENT_ID_HEADER]: `evt-${n}` },
            body: JSON.stringify({ n }),
            signal: AbortSignal.timeout(15_000),
          });
          const text = await res.text();
          if (res.status === 202 || (res.status === 200 && text.includes('"duplicate":true'))) {
            figures.acknowledged.add(n);
            if (res.status === 200) figures.acknowledgedAsDuplicate++;
            return;
          }
        } catch {
          // Refused or cut: the engine is down or was killed mid-answer; send it again.
        }
        figures.retries++;
      }
      await pause(options.retryDelayMs ?? 100);
    }
  }

  async function worker(): Promise<void> {
    while (!stopped && next <= options.total) {
      const n = next++;
      const due = started + ((n - 1) * 1000) / options.perSecond;
      const wait = due - performance.now();
      if (wait > 0) await pause(wait);
      await sendUntilAcknowledged(n);
    }
  }

  const done = Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker)).then(
    () => undefined,
  );
  return {
    figures,
    done,
    /** Items handed out so far (sent or being sent). */
    sent: () => next - 1,
    stop(): Promise<void> {
      stopped = true;
      return done;
    },
  };
}
