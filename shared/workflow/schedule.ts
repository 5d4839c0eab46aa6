import { DateTime } from 'luxon';
import { zoneNamed } from './mapping/zone-cache';
import { cronJob, WEEKDAY_NAMES, type ScheduleConfig, type Weekday } from './schedule-config';

type CalendarSchedule = Exclude<ScheduleConfig, { mode: 'interval' }>;

const MINUTE_MS = 60_000;
const CRON_WEEKDAY: Readonly<Record<Weekday, number>> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};

/**
 * The cron expression (5 fields, read in `config.zone`) with the schedule's times, or null for an
 * interval that cron cannot express.
 *
 * Interval mode means elapsed time: runs are exactly N minutes apart, also across DST changes,
 * on a grid that starts at local midnight of 1 January 2000 in the zone (see `intervalTimes`).
 * When N divides 60 that grid is `*\/N * * * *` (croner, too, keeps such jobs N minutes apart
 * across DST) in every zone whose clocks change by whole hours, so the expression is given; only
 * Australia/Lord_Howe's half-hour change moves an hourly grid to :30 for half the year. Other intervals (7, 45, 90 minutes…) cannot be
 * written in cron (`*\/45` fires at :00 and :45) and neither can whole hours across DST
 * (`0 *\/2 * * *` leaves gaps of 1 or 3 hours on change days), so they give null.
 */
export function scheduleToCron(config: ScheduleConfig): string | null {
  if (config.mode !== 'interval') return cronPattern(config);
  const n = config.everyMinutes;
  if (60 % n !== 0) return null;
  if (n === 1) return '* * * * *';
  return n === 60 ? '0 * * * *' : `*/${n} * * * *`;
}

function cronPattern(config: CalendarSchedule): string {
  switch (config.mode) {
    case 'daily':
      return `${atTime(config.time)} * * *`;
    case 'weekly': {
      const days = [...new Set(config.weekdays.map((day) => CRON_WEEKDAY[day]))].sort(
        (a, b) => a - b,
      );
      return `${atTime(config.time)} * * ${days.join(',')}`;
    }
    case 'monthly':
      return `${atTime(config.time)} ${config.dayOfMonth} * *`;
    case 'cron':
      return config.cron.trim().split(/\s+/).join(' ');
  }
}

/** `HH:mm` as the minute and hour fields of a cron expression. */
function atTime(time: string): string {
  const [hour, minute] = time.split(':').map(Number);
  return `${minute} ${hour}`;
}

/** A schedule's times, as epoch milliseconds. */
interface ScheduleTimes {
  /** The first time strictly after `instant`. */
  firstAfter(instant: number): number;
  /** How many times fall in (from, to], and the latest `keep` of them in ascending order. */
  between(from: number, to: number, keep: number): { count: number; latest: number[] };
}

function scheduleTimes(config: ScheduleConfig): ScheduleTimes {
  return config.mode === 'interval'
    ? intervalTimes(config.everyMinutes, config.zone)
    : cronTimes(cronPattern(config), config.zone);
}

/**
 * Every `minutes` minutes of elapsed time from local midnight, 1 January 2000, in `zone`:
 * arithmetic, so a gap of any length is counted at once.
 */
function intervalTimes(minutes: number, zone: string): ScheduleTimes {
  const period = minutes * MINUTE_MS;
  const anchor = DateTime.fromObject({ year: 2000, month: 1, day: 1 }, { zone: zoneNamed(zone) });
  const origin = anchor.toMillis();
  /** The index of the last grid time at or before `instant`. */
  const indexAt = (instant: number) => Math.floor((instant - origin) / period);
  return {
    firstAfter: (instant) => origin + (indexAt(instant) + 1) * period,
    between(from, to, keep) {
      if (to <= from) return { count: 0, latest: [] };
      const first = indexAt(from) + 1;
      const last = indexAt(to);
      const latest: number[] = [];
      for (let i = Math.max(first, last - keep + 1); i <= last; i++)
        latest.push(origin + i * period);
      return { count: Math.max(0, last - first + 1), latest };
    },
  };
}

/**
 * Croner's times for a 5-field pattern in `zone`. What it does across DST, in croner 11 with
 * `fixedTimeRule: 'no-wildcard'` (see schedule.test.ts): a fixed time of day that does not exist
 * (02:30 when clocks spring forward from 02:00 to 03:00) runs once, at the end of the gap (03:00);
 * a fixed time that occurs twice (02:30 in Berlin, 01:30 in New York when clocks fall back) runs
 * once, at its first occurrence. Patterns with a wildcard or step in the minute or hour field
 * are intervals: they skip the missing hour and run in both copies of the repeated one.
 */
function cronTimes(pattern: string, zone: string): ScheduleTimes {
  const job = cronJob(pattern, zone);
  const firstAfter = (instant: number) => {
    const next = job.nextRun(new Date(instant));
    // Validation rejects patterns that match no date, and five fields never stop matching.
    if (!next) throw new Error(`The cron expression "${pattern}" has no time after ${instant}`);
    return next.getTime();
  };
  return {
    firstAfter,
    between(from, to, keep) {
      const latest: number[] = [];
      let count = 0;
      // Croner's search is about 40 µs per time with a named zone: a long gap of a frequent
      // pattern costs time in proportion, which only a catch-up after a long absence meets.
      for (let time = firstAfter(from); time <= to; time = firstAfter(time)) {
        count++;
        if (keep <= 0) continue;
        if (latest.length >= keep) latest.shift();
        latest.push(time);
      }
      return { count, latest };
    },
  };
}

/** The next `count` times strictly after `after`, for the editor's preview. */
export function nextRuns(config: ScheduleConfig, after: Date, count = 5): Date[] {
  const times = scheduleTimes(config);
  const runs: Date[] = [];
  let instant = after.getTime();
  while (runs.length < count) {
    instant = times.firstAfter(instant);
    runs.push(new Date(instant));
  }
  return runs;
}

const MONDAY_FIRST: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The schedule in plain English, e.g. "Every day at 09:00 (Europe/Berlin)". */
export function describeSchedule(config: ScheduleConfig): string {
  return `${describeTimes(config)} (${config.zone})`;
}

function describeTimes(config: ScheduleConfig): string {
  switch (config.mode) {
    case 'interval': {
      const n = config.everyMinutes;
      if (n === 1) return 'Every minute';
      if (n === 60) return 'Every hour';
      return n % 60 === 0 ? `Every ${n / 60} hours` : `Every ${n} minutes`;
    }
    case 'daily':
      return `Every day at ${config.time}`;
    case 'weekly': {
      const days = MONDAY_FIRST.filter((day) => config.weekdays.includes(day));
      if (days.length === 7) return `Every day at ${config.time}`;
      if (days.join() === 'mon,tue,wed,thu,fri') {
        return `Every weekday (Monday to Friday) at ${config.time}`;
      }
      return `Every ${listInEnglish(days.map((day) => WEEKDAY_NAMES[day]))} at ${config.time}`;
    }
    case 'monthly': {
      const day = ordinal(config.dayOfMonth);
      return config.dayOfMonth > 28
        ? `On the ${day} of every month that has one, at ${config.time}`
        : `On the ${day} of every month at ${config.time}`;
    }
    case 'cron':
      return `On the cron schedule "${cronPattern(config)}"`;
  }
}

function listInEnglish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** What to do with scheduled times that passed while the computer slept or the app was closed. */
export type CatchUpPolicy = 'skip' | 'run_once' | 'run_all';

export interface CatchUp {
  /** Scheduled times to fire now, oldest first; each is the run's `scheduledFor`. */
  fire: Date[];
  /** Scheduled times that passed and will never fire. */
  skipped: number;
  /** The first scheduled time after `now` (and after `lastScheduled`). */
  next: Date;
}

/**
 * How late a scheduled time may be and still count as on time rather than missed: a check that
 * runs a few seconds after the hour fires the hour under every policy. Quartz's default, too.
 */
export const CATCH_UP_GRACE_MS = 60_000;

/**
 * The scheduled times to fire at `now`, given that every time up to `lastScheduled` has been
 * dealt with (fired or skipped). Pass the previous call's `now` as the next call's
 * `lastScheduled`, so a time is never fired twice nor lost:
 *
 * - times t with lastScheduled < t ≤ now are this call's: a time equal to `lastScheduled` was the
 *   previous call's, a time equal to `now` is due now;
 * - the latest of them, if at most `graceMs` before `now`, is due: it fires under every policy;
 * - the others were missed: `skip` fires none of them, `run_once` fires the latest of them
 *   (unless a due time fires, which stands for them), `run_all` fires each of them, the latest
 *   `maxRunAll` if there are more; missed times not fired count as `skipped`.
 *
 * A schedule that never ran (`lastScheduled` null) fires nothing now and starts at `next`.
 */
export function missedRuns(
  config: ScheduleConfig,
  lastScheduled: Date | null,
  now: Date,
  policy: CatchUpPolicy,
  maxRunAll = 100,
  graceMs = CATCH_UP_GRACE_MS,
): CatchUp {
  const times = scheduleTimes(config);
  const nowMs = now.getTime();
  if (lastScheduled === null) {
    return { fire: [], skipped: 0, next: new Date(times.firstAfter(nowMs)) };
  }
  const lastMs = lastScheduled.getTime();
  const bound = Math.max(0, maxRunAll);
  const window = times.between(lastMs, nowMs, policy === 'run_all' ? bound + 1 : 1);
  const latest = window.latest.at(-1);
  const due = latest !== undefined && latest >= nowMs - graceMs ? [latest] : [];
  const missed = due.length > 0 ? window.latest.slice(0, -1) : window.latest;
  const missedCount = window.count - due.length;
  const caughtUp = catchUp(policy, missed, due.length > 0, bound);
  return {
    fire: [...caughtUp, ...due].map((time) => new Date(time)),
    skipped: missedCount - caughtUp.length,
    // A clock set back must not bring back a time already dealt with.
    next: new Date(times.firstAfter(Math.max(nowMs, lastMs))),
  };
}

/** Which missed times (ascending) a policy fires. */
function catchUp(policy: CatchUpPolicy, missed: number[], dueFires: boolean, bound: number) {
  switch (policy) {
    case 'skip':
      return [];
    case 'run_once':
      return dueFires ? [] : missed.slice(-1);
    case 'run_all':
      return missed.slice(Math.max(0, missed.length - bound));
  }
}
