import { useId, useState } from 'react';
import { useCanvasStore } from '../../stores/canvas';
import { SearchIcon } from '../icons';
import { PaletteList } from './PaletteList';
import { searchEntries, usePaletteEntries } from './usePaletteEntries';

interface PaletteProps {
  /** A click on an entry: add it after the selected node. */
  onPick: (key: string) => void;
}

/** The left column: everything a workflow can be built from, searchable, to click or drag. */
export function Palette({ onPick }: PaletteProps) {
  const entries = usePaletteEntries();
  const [query, setQuery] = useState('');
  const hasTrigger = useCanvasStore((s) => s.definition.trigger !== null);
  const shown = searchEntries(entries, query);
  const hintId = useId();

  return (
    <aside className="palette" aria-label="Steps">
      <div className="palette-search">
        <SearchIcon />
        <input
          type="search"
          className="palette-search-input"
          id="palette-search"
          aria-label="Search steps"
          aria-describedby={hintId}
          placeholder="Search triggers and steps"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setQuery('');
          }}
        />
      </div>
      <p id={hintId} className="palette-hint">
        Click to add after the selected step, or drag onto the canvas.
      </p>
      <div className="palette-scroll">
        {shown.length === 0 ? (
          <p className="palette-empty">Nothing matches “{query}”.</p>
        ) : (
          <PaletteList
            entries={shown}
            onPick={onPick}
            draggable
            notes={hasTrigger ? { trigger: 'Replaces the current trigger.' } : {}}
          />
        )}
      </div>
    </aside>
  );
}
