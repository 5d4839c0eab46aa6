import { DateTime } from 'luxon';
import type { QuietHours } from '@shared/desktop';

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * When the quiet period that contains `now` ends (ms), or null when `now` is not quiet.
 * The window is read in `zone` (the machine's local time unless a test says otherwise).
 */
export function quietUntil(
  now: number,
  quiet: QuietHours | null,
  zone: string = 'local',
): number | null {
  if (!quiet) return null;
  const local = DateTime.fromMillis(now, { zone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const crossesMidnight = start > end;
  const inside = crossesMidnight
    ? minute >= start || minute < end
    : minute >= start && minute < end;
  if (!inside) return null;
  // Wall-clock hour and minute (not minutes since midnight) so a DST change does not shift it.
  const endToday = local.set({
    hour: Math.floor(end / 60),
    minute: end % 60,
    second: 0,
    millisecond: 0,
  });
  // Before midnight in a window that crosses it, the end is tomorrow's.
  const endAt = crossesMidnight && minute >= start ? endToday.plus({ days: 1 }) : endToday;
  return endAt.toMillis();
}
