import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RunSummary } from '@shared/runs';
import { useNow } from '../hooks/useNow';
import { RUN_ROW_HEIGHT, RunRow } from './RunRow';

interface RunsListProps {
  runs: RunSummary[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  onOpen: (id: number) => void;
  listRef?: RefObject<HTMLDivElement | null>;
}

/** Fetch the next page this many rows before the end, so the user rarely sees it load. */
const PREFETCH_ROWS = 60;

/**
 * The virtual list of runs: only the rows on screen exist in the DOM. Arrow keys move the
 * selection, Enter opens it; new runs arriving on top do not move what the user is looking at.
 */
export function RunsList({ runs, hasMore, loadingMore, loadMore, onOpen, listRef }: RunsListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const [activeId, setActiveId] = useState<number | null>(null);
  const count = runs.length + (hasMore ? 1 : 0);

  // eslint-disable-next-line react-hooks/incompatible-library -- the rows read the virtualizer fresh on every render; nothing memoises its functions
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => RUN_ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => runs[index]?.id ?? 'more',
  });
  const items = virtualizer.getVirtualItems();

  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= runs.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadingMore, lastIndex, runs.length, loadMore]);

  // Keep the row at the top of the view where it is when rows are added or removed above it.
  const anchor = useRef<{ id: number; index: number; offset: number } | null>(null);
  const rememberAnchor = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const index = Math.floor(el.scrollTop / RUN_ROW_HEIGHT);
    const run = runs[index];
    anchor.current = run
      ? { id: run.id, index, offset: el.scrollTop - index * RUN_ROW_HEIGHT }
      : null;
  }, [runs]);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const was = anchor.current;
    if (el && was && el.scrollTop > 0 && runs[was.index]?.id !== was.id) {
      const index = runs.findIndex((r) => r.id === was.id);
      if (index >= 0) el.scrollTop = index * RUN_ROW_HEIGHT + was.offset;
    }
    rememberAnchor();
  }, [runs, rememberAnchor]);

  const activeIndex = activeId === null ? -1 : runs.findIndex((r) => r.id === activeId);

  const move = (index: number) => {
    const clamped = Math.max(0, Math.min(runs.length - 1, index));
    const run = runs[clamped];
    if (!run) return;
    setActiveId(run.id);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? 500) / RUN_ROW_HEIGHT) - 1,
    );
    const from = activeIndex;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(from + 1),
      ArrowUp: () => move(from <= 0 ? 0 : from - 1),
      PageDown: () => move(from + page),
      PageUp: () => move(from - page),
      Home: () => move(0),
      End: () => move(runs.length - 1),
      Enter: () => {
        if (activeId !== null) onOpen(activeId);
      },
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const pick = useCallback((id: number) => setActiveId(id), []);

  return (
    <div
      ref={(el) => {
        scrollRef.current = el;
        if (listRef) listRef.current = el;
      }}
      className="runs-scroll"
      role="listbox"
      aria-label="Runs"
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 ? `run-${activeId}` : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (activeIndex < 0 && runs.length > 0) setActiveId(runs[0]!.id);
      }}
      onScroll={rememberAnchor}
    >
      <div className="runs-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const run = runs[item.index];
          if (!run)
            return (
              <div
                key="more"
                className="run-row run-row-more"
                style={{ transform: `translateY(${item.start}px)` }}
                role="presentation"
              >
                Loading more runs…
              </div>
            );
          return (
            <RunRow
              key={run.id}
              run={run}
              now={now}
              active={run.id === activeId}
              top={item.start}
              onOpen={onOpen}
              onPick={pick}
            />
          );
        })}
      </div>
    </div>
  );
}
