import { useEffect, useRef, useState } from 'react';
import { SearchIcon } from './icons';
import { useInsertMenu } from './insert-menu';
import { PaletteList } from './palette/PaletteList';
import { searchEntries, usePaletteEntries } from './palette/usePaletteEntries';

const WIDTH = 288;

interface InsertMenuProps {
  onInsert: (edgeId: string, key: string) => void;
}

/** The small menu an edge's "+" opens: pick a step to put on that edge. */
export function InsertMenu({ onInsert }: InsertMenuProps) {
  const open = useInsertMenu((s) => s.open);
  if (!open) return null;
  return <InsertMenuPopover key={open.edgeId} {...open} onInsert={onInsert} />;
}

function InsertMenuPopover({
  edgeId,
  x,
  y,
  onInsert,
}: { edgeId: string; x: number; y: number } & InsertMenuProps) {
  const close = useInsertMenu((s) => s.close);
  const entries = usePaletteEntries().filter((e) => e.template.kind !== 'trigger');
  const [query, setQuery] = useState('');
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) close();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        close();
      }
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [close]);

  const left = Math.max(8, Math.min(x - WIDTH / 2, window.innerWidth - WIDTH - 8));
  const top = Math.max(8, Math.min(y, window.innerHeight - 360));
  return (
    <div
      ref={ref}
      className="popover insert-menu"
      role="dialog"
      aria-label="Insert a step"
      style={{ left, top, width: WIDTH }}
    >
      <div className="palette-search">
        <SearchIcon />
        <input
          type="search"
          className="palette-search-input"
          aria-label="Search steps to insert"
          placeholder="Search steps"
          autoFocus
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <div className="insert-menu-scroll">
        <PaletteList
          entries={searchEntries(entries, query)}
          onPick={(key) => {
            close();
            onInsert(edgeId, key);
          }}
        />
      </div>
    </div>
  );
}
