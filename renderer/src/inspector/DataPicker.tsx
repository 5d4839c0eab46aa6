import { useEffect, useRef, useState } from 'react';
import { DataTree } from '../mapping/DataTree';
import { DataIcon } from '../components/editor-icons';
import { useInspectorData } from './data-context';

/** The "insert data" button of a mappable field: a popover of earlier steps' data. */
export function DataPicker({ onPick, label }: { onPick: (path: string) => void; label: string }) {
  const { sources, sample } = useInspectorData();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  return (
    <div
      className="data-picker"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        className={`insert-data${open ? ' is-open' : ''}`}
        aria-label={`Insert data into ${label}`}
        aria-expanded={open}
        title="Insert data from an earlier step"
        onClick={() => setOpen(!open)}
      >
        <DataIcon />
      </button>
      {open && (
        <div className="popover data-popover" role="dialog" aria-label={`Data for ${label}`}>
          <input
            className="input input-sm"
            type="search"
            placeholder="Search fields"
            aria-label="Search data"
            autoFocus
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <div className="popover-scroll">
            <DataTree
              sources={sources}
              sample={sample}
              filter={filter}
              onPick={(path) => {
                onPick(path);
                setOpen(false);
              }}
            />
          </div>
        </div>
      )}
    </div>
  );
}
