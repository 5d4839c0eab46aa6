import type { LedgerEntry, TriggerItem } from '../connectors/types';
import type { RunQueue } from '../workflows/run-queue';

export interface Accepted {
  /** The queued run, or null for a duplicate or an item only recorded in the ledger. */
  runId: number | null;
  duplicate: boolean;
}

interface Waiter {
  item: TriggerItem | null;
  ledger?: LedgerEntry;
  resolve(accepted: Accepted): void;
  reject(error: unknown): void;
}

/**
 * Group commit for pushed trigger items (webhooks, form submissions): every request waits until
 * its item is committed as a queued run — the answer is sent only after that — but requests that
 * arrive together share one transaction, so durability does not cost one fsync per request.
 */
export function createIntake(queue: Pick<RunQueue, 'accept'>) {
  let pending = new Map<string, Waiter[]>();
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const groups = pending;
    pending = new Map();
    for (const [workflowId, waiters] of groups) {
      // One accept per run of distinct item ids, so each answer maps to exactly one item.
      let start = 0;
      while (start < waiters.length) {
        const ids = new Set<string>();
        let end = start;
        while (end < waiters.length) {
          const id = waiters[end]!.item?.id;
          if (id !== undefined && ids.has(id)) break;
          if (id !== undefined) ids.add(id);
          end++;
        }
        acceptGroup(workflowId, waiters.slice(start, end));
        start = end;
      }
    }
  }

  function acceptGroup(workflowId: string, waiters: Waiter[]): void {
    const items = waiters.flatMap((w) => (w.item ? [w.item] : []));
    const ledger = waiters.flatMap((w) => (w.ledger ? [w.ledger] : []));
    let result: ReturnType<RunQueue['accept']>;
    try {
      result = queue.accept({ workflowId, items, ledger });
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    const duplicates = new Set(result.duplicates);
    let next = 0;
    for (const waiter of waiters) {
      if (!waiter.item) waiter.resolve({ runId: null, duplicate: false });
      else if (duplicates.has(waiter.item.id)) waiter.resolve({ runId: null, duplicate: true });
      else waiter.resolve({ runId: result.runIds[next++] ?? null, duplicate: false });
    }
  }

  return {
    /** Resolves once the item (or the ledger entry alone) is durable. */
    submit(workflowId: string, item: TriggerItem | null, ledger?: LedgerEntry): Promise<Accepted> {
      return new Promise((resolve, reject) => {
        const list = pending.get(workflowId) ?? [];
        list.push({ item, ledger, resolve, reject });
        pending.set(workflowId, list);
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
export type Intake = ReturnType<typeof createIntake>;
