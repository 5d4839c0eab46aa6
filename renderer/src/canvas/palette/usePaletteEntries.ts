import { useMemo } from 'react';
import { useDescriptors } from '../../lib/descriptors';
import { paletteEntries, type PaletteEntry } from '../model/templates';

/** The palette's entries, from the descriptors in context (a test can plant its own). */
export function usePaletteEntries(): PaletteEntry[] {
  const { connectors } = useDescriptors();
  return useMemo(() => paletteEntries(connectors), [connectors]);
}

/** Entries matching every word of `query` in their name, connector or description. */
export function searchEntries(entries: readonly PaletteEntry[], query: string): PaletteEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    const text = `${e.name} ${e.group} ${e.description}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export const accessibleName = (entry: PaletteEntry) =>
  entry.template.kind === 'logic' ? `Add ${entry.name}` : `Add ${entry.group} · ${entry.name}`;
