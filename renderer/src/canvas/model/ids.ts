/** `base_N` with N one above the highest N in use, so a deleted step's id is never reused. */
export function nextId(base: string, taken: ReadonlySet<string>): string {
  const pattern = new RegExp(`^${base}_(\\d+)$`);
  let highest = 0;
  for (const id of taken) {
    const match = pattern.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  let n = highest + 1;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** An edge id unique among `taken`, readable in the workflow file. */
export function edgeId(
  source: string,
  target: string,
  handle: string | undefined,
  taken: ReadonlySet<string>,
): string {
  const base = `${source}${handle ? `.${handle}` : ''}->${target}`;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}#${n}`)) n++;
  return `${base}#${n}`;
}
