/** The UTC day of a time, as YYYY-MM-DD. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const DAY_MS = 86_400_000;

/** The closed UTC days a cost trigger looks at: the `days` before today (today is not over). */
export function closedDays(nowMs: number, days: number): { first: string; last: string } {
  const today = Date.parse(`${isoDay(nowMs)}T00:00:00Z`);
  const span = Math.max(1, Math.min(365, Math.floor(days)));
  return { first: isoDay(today - span * DAY_MS), last: isoDay(today - DAY_MS) };
}

/** Most pages one cost poll follows: a year of daily rows per group fits well within it. */
export const MAX_COST_PAGES = 20;
