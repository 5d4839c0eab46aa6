import type { RunSummary } from '@shared/runs';

/**
 * Puts a freshly fetched first page in front of what is loaded: rows it covers are replaced
 * (their state may have changed, or they may no longer match), older rows are kept.
 */
export function mergeFirstPage(
  loaded: readonly RunSummary[],
  first: readonly RunSummary[],
  nextCursor: number | null,
): RunSummary[] {
  if (nextCursor === null) return [...first];
  const oldest = first.at(-1)?.id ?? Infinity;
  return [...first, ...loaded.filter((r) => r.id < oldest)];
}
