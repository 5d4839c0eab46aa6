import type { PaletteEntry } from '../model/templates';
import { CATEGORY_LABELS, groupBy } from './categories';
import { PaletteItem } from './PaletteItem';

const SECTIONS = [
  { kind: 'trigger', title: 'Triggers' },
  { kind: 'action', title: 'Actions' },
  { kind: 'logic', title: 'Logic' },
] as const;

interface PaletteListProps {
  entries: readonly PaletteEntry[];
  onPick: (key: string) => void;
  draggable?: boolean;
  /** A line under a section's title, e.g. that a new trigger replaces the current one. */
  notes?: Partial<Record<'trigger' | 'action' | 'logic', string>>;
}

/** Entries in sections (triggers, actions, logic), each grouped by connector category. */
export function PaletteList({ entries, onPick, draggable, notes = {} }: PaletteListProps) {
  return (
    <>
      {SECTIONS.map(({ kind, title }) => {
        const inSection = entries.filter((e) => e.template.kind === kind);
        if (inSection.length === 0) return null;
        const groups = groupBy(inSection, (e) => e.category);
        return (
          <section key={kind} className="palette-section" aria-label={title}>
            <h2 className="palette-section-title">{title}</h2>
            {notes[kind] && <p className="palette-note">{notes[kind]}</p>}
            {groups.map(([category, items]) => (
              <div key={category} className="palette-group">
                {kind !== 'logic' && groups.length > 0 && (
                  <h3 className="palette-group-title">
                    {CATEGORY_LABELS[category as keyof typeof CATEGORY_LABELS] ?? category}
                  </h3>
                )}
                <ul className="palette-items">
                  {items.map((entry) => (
                    <PaletteItem
                      key={entry.key}
                      entry={entry}
                      onPick={onPick}
                      draggable={draggable}
                    />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </>
  );
}
