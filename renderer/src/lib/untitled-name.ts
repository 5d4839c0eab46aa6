export const UNTITLED_WORKFLOW = 'Untitled workflow';

/** "Untitled workflow", or the first free "Untitled workflow N" (N ≥ 2) when that is taken. */
export function nextUntitledName(takenNames: Iterable<string>): string {
  const taken = new Set(Array.from(takenNames, (name) => name.trim().toLowerCase()));
  const base = UNTITLED_WORKFLOW.toLowerCase();
  if (!taken.has(base)) return UNTITLED_WORKFLOW;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n += 1;
  return `${UNTITLED_WORKFLOW} ${n}`;
}
