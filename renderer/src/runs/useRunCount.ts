import { useEffect, useState } from 'react';
import type { RunFilter } from '@shared/runs';
import { api } from '../api/client';

const RECOUNT_THROTTLE_MS = 1500;

/** How many runs match `filter`, kept current as runs change; null until the first answer. */
export function useRunCount(filter: RunFilter): number | null {
  const [counted, setCounted] = useState<{ filter: RunFilter; count: number } | null>(null);
  useEffect(() => {
    let live = true;
    let timer: number | null = null;
    const fetchCount = async () => {
      const result = await api.call('runs:count', filter);
      if (live && result.ok) setCounted({ filter, count: result.value.count });
    };
    void fetchCount();
    const unsubscribe = api.onEvent((event) => {
      if (event.type !== 'runs.changed' || timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        void fetchCount();
      }, RECOUNT_THROTTLE_MS);
    });
    return () => {
      live = false;
      unsubscribe();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [filter]);
  return counted?.filter === filter ? counted.count : null;
}
