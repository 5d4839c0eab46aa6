import { Cron } from 'croner';
import { z } from 'zod';
import { isValidZoneName } from './mapping/zone-cache';

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/**
 * A croner job for a 5-field pattern read in `zone`. Every schedule goes through here, so the
 * editor's validation and preview and the engine's firing agree.
 */
export function cronJob(pattern: string, zone: string): Cron {
  return new Cron(pattern, {
    mode: '5-part',
    // Like Vixie cron: `30 2,14 * * *` is a fixed time (once per day across DST), not only `30 2`.
    fixedTimeRule: 'no-wildcard',
    // UTC has no DST; a fixed offset skips croner's Intl conversions, about 10 times faster.
    ...(zone === 'UTC' ? { utcOffset: 0 } : { timezone: zone }),
  });
}

const CRON_EXAMPLE =
  'Write five fields: minute, hour, day of month, month, day of week, e.g. "0 9 * * 1-5".';

/** Why `pattern` is not a usable cron expression, in a sentence; null when it is one. */
export function cronProblem(pattern: string): string | null {
  if (pattern.trim() === '') return `Enter a cron expression. ${CRON_EXAMPLE}`;
  let job: Cron;
  try {
    job = cronJob(pattern, 'UTC');
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      /^CronPattern:\s*/,
      '',
    );
    return `"${pattern}" is not a valid cron expression: ${reason.replace(/\.$/, '')}. ${CRON_EXAMPLE}`;
  }
  // Five fields have no year, so a pattern that matches no date now never will (e.g. 30 February).
  if (!job.nextRun(new Date(Date.UTC(2000, 0, 1)))) {
    return `"${pattern}" matches no date (such as 30 February), so it would never run.`;
  }
  return null;
}

const Zone = z
  .string()
  .trim()
  .refine(isValidZoneName, {
    error: (issue) =>
      `"${String(issue.input)}" is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC`,
  })
  .default('UTC')
  .describe('IANA time zone the times are read in');

const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write the time as HH:mm on a 24-hour clock, e.g. 09:00')
  .default('09:00')
  .describe('Time of day, HH:mm');

const CronExpression = z
  .string({ error: `Enter a cron expression. ${CRON_EXAMPLE}` })
  .trim()
  .superRefine((pattern, ctx) => {
    const problem = cronProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('A 5-field cron expression');

/** A schedule trigger's config. Each mode has only its own fields; all have a time zone. */
export const ScheduleConfig = z.discriminatedUnion(
  'mode',
  [
    z.object({
      mode: z.literal('interval'),
      everyMinutes: z
        .number()
        .int('Choose a whole number of minutes')
        .min(1, 'Choose from 1 to 1440 minutes')
        .max(1440, 'Choose from 1 to 1440 minutes (24 hours)')
        .default(15),
      zone: Zone,
    }),
    z.object({ mode: z.literal('daily'), time: Time, zone: Zone }),
    z.object({
      mode: z.literal('weekly'),
      weekdays: z
        .array(Weekday)
        .min(1, 'Choose at least one day of the week')
        .default(['mon', 'tue', 'wed', 'thu', 'fri']),
      time: Time,
      zone: Zone,
    }),
    z.object({
      mode: z.literal('monthly'),
      dayOfMonth: z
        .number()
        .int('Choose a day of the month from 1 to 31')
        .min(1, 'Choose a day of the month from 1 to 31')
        .max(31, 'Choose a day of the month from 1 to 31')
        .default(1),
      time: Time,
      zone: Zone,
    }),
    z.object({ mode: z.literal('cron'), cron: CronExpression, zone: Zone }),
  ],
  { error: 'Choose how often it runs: interval, daily, weekly, monthly or cron' },
);
export type ScheduleConfig = z.infer<typeof ScheduleConfig>;
/** A config as written, before defaults are filled in. */
export type ScheduleConfigInput = z.input<typeof ScheduleConfig>;
