import { memo } from 'react';
import { NodeIcon } from '../nodes/NodeIcon';
import type { PaletteEntry } from '../model/templates';
import { accessibleName } from './usePaletteEntries';

/** The type a palette drag carries; the canvas accepts only drops of this type. */
export const PALETTE_DRAG_TYPE = 'application/x-switchyard-step';

interface PaletteItemProps {
  entry: PaletteEntry;
  onPick: (key: string) => void;
  draggable?: boolean;
}

/** One thing the palette can add: click to add it, or drag it onto the canvas. */
export const PaletteItem = memo(function PaletteItem({
  entry,
  onPick,
  draggable = false,
}: PaletteItemProps) {
  return (
    <li>
      <button
        type="button"
        className="palette-item"
        aria-label={accessibleName(entry)}
        title={entry.description}
        draggable={draggable}
        onDragStart={(event) => {
          event.dataTransfer.setData(PALETTE_DRAG_TYPE, entry.key);
          event.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => onPick(entry.key)}
      >
        <NodeIcon icon={entry.icon} category={entry.category} name={entry.group} size="sm" />
        <span className="palette-item-text">
          <span className="palette-item-name">{entry.name}</span>
          {entry.template.kind !== 'logic' && (
            <span className="palette-item-group">{entry.group}</span>
          )}
        </span>
      </button>
    </li>
  );
});
