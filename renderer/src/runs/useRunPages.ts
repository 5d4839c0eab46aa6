import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunFilter, RunSummary } from '@shared/runs';
import { api, unwrap } from '../api/client';
import { reportError } from '../stores/notices';
import { mergeFirstPage } from './merge-pages';

/** The first page is small so rows paint at once; later pages are bigger so scrolling rarely waits. */
export const FIRST_PAGE = 50;
export const NEXT_PAGE = 200;
/** Live updates refetch at most this often, however many runs the workers finish. */
const REFRESH_THROTTLE_MS = 700;

export interface RunPages {
  runs: RunSummary[];
  status: 'loading' | 'ready' | 'failed';
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

interface Loaded {
  filter: RunFilter;
  runs: RunSummary[];
  cursor: number | null;
  status: RunPages['status'];
  loadingMore: boolean;
}

const fresh = (filter: RunFilter): Loaded => ({
  filter,
  runs: [],
  cursor: null,
  status: 'loading',
  loadingMore: false,
});

/**
 * Runs matching `filter`, newest first, fetched a page at a time as the list asks for more.
 * When the engine reports changed runs the first page is fetched again and merged in front, so
 * what was already loaded (and the scroll position over it) stays.
 */
export function useRunPages(filter: RunFilter): RunPages {
  const [loaded, setLoaded] = useState<Loaded>(() => fresh(filter));
  const [reloads, setReloads] = useState(0);
  // A new filter starts from nothing (set while rendering, so no stale rows flash).
  const current = loaded.filter === filter ? loaded : fresh(filter);
  if (current !== loaded) setLoaded(current);

  const latest = useRef(current);
  useEffect(() => {
    latest.current = current;
  });

  // Updates only the state of the filter they were fetched for.
  const update = useCallback(
    (forFilter: RunFilter, change: (s: Loaded) => Loaded) =>
      setLoaded((s) => (s.filter === forFilter ? change(s) : s)),
    [],
  );

  const fetchFirst = useCallback(
    async (forFilter: RunFilter, merge: boolean) => {
      try {
        const page = unwrap(await api.call('runs:list', { ...forFilter, limit: FIRST_PAGE }));
        update(forFilter, (s) => {
          if (!merge) return { ...s, runs: page.runs, cursor: page.nextCursor, status: 'ready' };
          const runs = mergeFirstPage(s.runs, page.runs, page.nextCursor);
          // A complete list that grew past one page continues after the new first page.
          const cursor =
            page.nextCursor === null ? null : s.cursor === null ? runs.at(-1)!.id : s.cursor;
          return { ...s, runs, cursor, status: 'ready' };
        });
      } catch (error) {
        if (!merge) update(forFilter, (s) => ({ ...s, status: 'failed' }));
        reportError(error, 'Could not load the runs');
      }
    },
    [update],
  );

  useEffect(() => {
    const load = async () => fetchFirst(filter, false);
    void load();
  }, [filter, fetchFirst, reloads]);

  const loadMore = useCallback(() => {
    const s = latest.current;
    if (s.cursor === null || s.loadingMore) return;
    const before = s.cursor;
    const forFilter = s.filter;
    latest.current = { ...s, loadingMore: true };
    update(forFilter, (x) => ({ ...x, loadingMore: true }));
    void (async () => {
      try {
        const page = unwrap(
          await api.call('runs:list', { ...forFilter, before, limit: NEXT_PAGE }),
        );
        update(forFilter, (x) => {
          const oldest = x.runs.at(-1)?.id ?? Infinity;
          return {
            ...x,
            runs: [...x.runs, ...page.runs.filter((r) => r.id < oldest)],
            cursor: page.nextCursor,
            loadingMore: false,
          };
        });
      } catch (error) {
        update(forFilter, (x) => ({ ...x, loadingMore: false }));
        reportError(error, 'Could not load more runs');
      }
    })();
  }, [update]);

  // Live updates: refetch the first page, at most once per throttle window.
  useEffect(() => {
    let timer: number | null = null;
    let pending = false;
    const refresh = () => {
      timer = null;
      if (!pending) return;
      pending = false;
      void fetchFirst(latest.current.filter, true);
      timer = window.setTimeout(refresh, REFRESH_THROTTLE_MS);
    };
    const unsubscribe = api.onEvent((event) => {
      if (event.type !== 'runs.changed') return;
      const scope = latest.current.filter.workflowId;
      if (scope && event.workflowIds.length > 0 && !event.workflowIds.includes(scope)) return;
      pending = true;
      if (timer === null) refresh();
    });
    return () => {
      unsubscribe();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [fetchFirst]);

  const reload = useCallback(() => {
    setLoaded(fresh(latest.current.filter));
    setReloads((n) => n + 1);
  }, []);

  return {
    runs: current.runs,
    status: current.status,
    hasMore: current.cursor !== null,
    loadingMore: current.loadingMore,
    loadMore,
    reload,
  };
}
