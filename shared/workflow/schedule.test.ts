import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { describeSchedule, nextRuns, scheduleToCron } from './schedule';
import { cronJob, ScheduleConfig, Weekday, type ScheduleConfigInput } from './schedule-config';

const schedule = (input: ScheduleConfigInput) => ScheduleConfig.parse(input);
const iso = (dates: readonly Date[]) => dates.map((d) => d.toISOString());
const at = (text: string) => new Date(text);
const MINUTE = 60_000;

/** The local calendar date of each run, in the schedule's zone. */
const localDates = (runs: readonly Date[], zone: string) =>
  runs.map((run) => DateTime.fromJSDate(run, { zone }).toISODate());
const gaps = (runs: readonly Date[]) =>
  runs.slice(1).map((run, i) => (run.getTime() - runs[i]!.getTime()) / MINUTE);

describe('scheduleToCron', () => {
  it.each<[ScheduleConfigInput, string | null]>([
    [{ mode: 'interval', everyMinutes: 1 }, '* * * * *'],
    [{ mode: 'interval', everyMinutes: 5 }, '*/5 * * * *'],
    [{ mode: 'interval', everyMinutes: 15 }, '*/15 * * * *'],
    [{ mode: 'interval', everyMinutes: 30 }, '*/30 * * * *'],
    [{ mode: 'interval', everyMinutes: 60 }, '0 * * * *'],
    [{ mode: 'daily', time: '09:05' }, '5 9 * * *'],
    [{ mode: 'daily', time: '00:00' }, '0 0 * * *'],
    [{ mode: 'weekly', weekdays: ['sun', 'fri', 'mon', 'mon'], time: '17:30' }, '30 17 * * 0,1,5'],
    [{ mode: 'monthly', dayOfMonth: 31, time: '06:45' }, '45 6 31 * *'],
    [{ mode: 'cron', cron: '  0   9 * *  1-5 ' }, '0 9 * * 1-5'],
  ])('turns %j into %j', (input, cron) => {
    expect(scheduleToCron(schedule(input))).toBe(cron);
  });

  it.each([7, 45, 90, 120, 1440])(
    'gives null for every %i minutes, which cron cannot keep evenly spaced',
    (everyMinutes) => {
      expect(scheduleToCron(schedule({ mode: 'interval', everyMinutes }))).toBeNull();
    },
  );
});

describe('nextRuns', () => {
  it('previews the next five times, as UTC instants', () => {
    const daily = schedule({ mode: 'daily', time: '09:00', zone: 'Europe/Berlin' });
    expect(iso(nextRuns(daily, at('2026-01-15T12:00:00Z')))).toEqual([
      '2026-01-16T08:00:00.000Z',
      '2026-01-17T08:00:00.000Z',
      '2026-01-18T08:00:00.000Z',
      '2026-01-19T08:00:00.000Z',
      '2026-01-20T08:00:00.000Z',
    ]);
  });

  it('runs every N minutes on the clock’s multiples of N', () => {
    const quarter = schedule({ mode: 'interval', everyMinutes: 15, zone: 'Europe/Berlin' });
    expect(iso(nextRuns(quarter, at('2026-01-15T10:07:30Z')))).toEqual([
      '2026-01-15T10:15:00.000Z',
      '2026-01-15T10:30:00.000Z',
      '2026-01-15T10:45:00.000Z',
      '2026-01-15T11:00:00.000Z',
      '2026-01-15T11:15:00.000Z',
    ]);
  });

  it('counts other intervals from local midnight, 1 January 2000, in the zone', () => {
    const ninety = schedule({ mode: 'interval', everyMinutes: 90, zone: 'Europe/Berlin' });
    // 90 divides a day, so every winter day has a run at midnight CET (23:00 UTC).
    expect(iso(nextRuns(ninety, at('2026-01-15T20:00:00Z'), 3))).toEqual([
      '2026-01-15T21:30:00.000Z',
      '2026-01-15T23:00:00.000Z',
      '2026-01-16T00:30:00.000Z',
    ]);
  });

  it('runs on the chosen weekdays only', () => {
    const mwf = schedule({ mode: 'weekly', weekdays: ['mon', 'wed', 'fri'], time: '09:00' });
    // 1 January 2026 is a Thursday.
    expect(iso(nextRuns(mwf, at('2026-01-01T00:00:00Z')))).toEqual([
      '2026-01-02T09:00:00.000Z',
      '2026-01-05T09:00:00.000Z',
      '2026-01-07T09:00:00.000Z',
      '2026-01-09T09:00:00.000Z',
      '2026-01-12T09:00:00.000Z',
    ]);
  });

  it('skips months without the chosen day of the month', () => {
    const thirtyFirst = schedule({ mode: 'monthly', dayOfMonth: 31, time: '09:00' });
    expect(iso(nextRuns(thirtyFirst, at('2026-01-01T00:00:00Z')))).toEqual([
      '2026-01-31T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-05-31T09:00:00.000Z',
      '2026-07-31T09:00:00.000Z',
      '2026-08-31T09:00:00.000Z',
    ]);
  });

  it('reads a cron expression in the zone', () => {
    const weekdays = schedule({ mode: 'cron', cron: '0 9 * * 1-5', zone: 'America/New_York' });
    // Friday 2 January 2026, 10:00 in New York.
    expect(iso(nextRuns(weekdays, at('2026-01-02T15:00:00Z')))).toEqual([
      '2026-01-05T14:00:00.000Z',
      '2026-01-06T14:00:00.000Z',
      '2026-01-07T14:00:00.000Z',
      '2026-01-08T14:00:00.000Z',
      '2026-01-09T14:00:00.000Z',
    ]);
  });

  it('starts strictly after `after`, even when `after` is a scheduled time', () => {
    const daily = schedule({ mode: 'daily', time: '09:00' });
    expect(iso(nextRuns(daily, at('2026-01-16T09:00:00Z'), 1))).toEqual([
      '2026-01-17T09:00:00.000Z',
    ]);
    const quarter = schedule({ mode: 'interval', everyMinutes: 15 });
    expect(iso(nextRuns(quarter, at('2026-01-15T10:15:00Z'), 1))).toEqual([
      '2026-01-15T10:30:00.000Z',
    ]);
    expect(iso(nextRuns(quarter, at('2026-01-15T10:14:59.999Z'), 1))).toEqual([
      '2026-01-15T10:15:00.000Z',
    ]);
  });

  it('gives as many times as asked', () => {
    const hourly = schedule({ mode: 'interval', everyMinutes: 60 });
    expect(nextRuns(hourly, at('2026-01-01T00:00:00Z'), 12)).toHaveLength(12);
    expect(nextRuns(hourly, at('2026-01-01T00:00:00Z'), 0)).toEqual([]);
  });
});

// Europe/Berlin 2026: 29 March 02:00 CET → 03:00 CEST (01:00 UTC);
// 25 October 03:00 CEST → 02:00 CET (01:00 UTC), so 02:00–02:59 happens twice.
// America/New_York 2026: 8 March 02:00 EST → 03:00 EDT (07:00 UTC);
// 1 November 02:00 EDT → 01:00 EST (06:00 UTC), so 01:00–01:59 happens twice.
describe('across daylight-saving changes', () => {
  describe('a time of day runs exactly once each local day', () => {
    it('02:30 in Berlin on the spring-forward day, when 02:30 does not exist, runs at 03:00 CEST', () => {
      const config = schedule({ mode: 'daily', time: '02:30', zone: 'Europe/Berlin' });
      expect(iso(nextRuns(config, at('2026-03-27T12:00:00Z'), 3))).toEqual([
        '2026-03-28T01:30:00.000Z', // 02:30 CET
        '2026-03-29T01:00:00.000Z', // 03:00 CEST: the end of the skipped hour
        '2026-03-30T00:30:00.000Z', // 02:30 CEST
      ]);
    });

    it('02:30 in Berlin on the fall-back day, when 02:30 happens twice, runs at the first', () => {
      const config = schedule({ mode: 'daily', time: '02:30', zone: 'Europe/Berlin' });
      expect(iso(nextRuns(config, at('2026-10-23T12:00:00Z'), 3))).toEqual([
        '2026-10-24T00:30:00.000Z', // 02:30 CEST
        '2026-10-25T00:30:00.000Z', // 02:30 CEST, not again at 02:30 CET (01:30 UTC)
        '2026-10-26T01:30:00.000Z', // 02:30 CET
      ]);
    });

    it('01:30 in Berlin on the fall-back day, just before the repeated hour', () => {
      const config = schedule({ mode: 'daily', time: '01:30', zone: 'Europe/Berlin' });
      expect(iso(nextRuns(config, at('2026-10-24T12:00:00Z'), 2))).toEqual([
        '2026-10-24T23:30:00.000Z', // 01:30 CEST on the 25th
        '2026-10-26T00:30:00.000Z', // 01:30 CET on the 26th
      ]);
    });

    it('02:30 in New York on the spring-forward day runs at 03:00 EDT', () => {
      const config = schedule({ mode: 'daily', time: '02:30', zone: 'America/New_York' });
      expect(iso(nextRuns(config, at('2026-03-06T12:00:00Z'), 3))).toEqual([
        '2026-03-07T07:30:00.000Z', // 02:30 EST
        '2026-03-08T07:00:00.000Z', // 03:00 EDT
        '2026-03-09T06:30:00.000Z', // 02:30 EDT
      ]);
    });

    it('01:30 in New York on the fall-back day, when 01:30 happens twice, runs at the first', () => {
      const config = schedule({ mode: 'daily', time: '01:30', zone: 'America/New_York' });
      expect(iso(nextRuns(config, at('2026-10-30T12:00:00Z'), 3))).toEqual([
        '2026-10-31T05:30:00.000Z', // 01:30 EDT
        '2026-11-01T05:30:00.000Z', // 01:30 EDT, not again at 01:30 EST (06:30 UTC)
        '2026-11-02T06:30:00.000Z', // 01:30 EST
      ]);
    });

    it.each([
      ['Europe/Berlin', '2026-03-20T00:00:00Z'],
      ['Europe/Berlin', '2026-10-16T00:00:00Z'],
      ['America/New_York', '2026-02-28T00:00:00Z'],
      ['America/New_York', '2026-10-24T00:00:00Z'],
    ])('at every half hour of the night in %s, on the days around %s', (zone, from) => {
      for (const time of ['00:30', '01:00', '01:30', '02:00', '02:30', '03:00', '03:30']) {
        const runs = nextRuns(schedule({ mode: 'daily', time, zone }), at(from), 16);
        const dates = localDates(runs, zone);
        expect(new Set(dates).size, `${time} in ${zone}`).toBe(16);
        const first = DateTime.fromISO(dates[0]!);
        expect(dates).toEqual(dates.map((_, i) => first.plus({ days: i }).toISODate()));
      }
    });

    it('for each time of a cron list such as "30 2,14 * * *", too', () => {
      const config = schedule({ mode: 'cron', cron: '30 2,14 * * *', zone: 'Europe/Berlin' });
      expect(iso(nextRuns(config, at('2026-10-24T12:00:00Z'), 4))).toEqual([
        '2026-10-24T12:30:00.000Z',
        '2026-10-25T00:30:00.000Z', // 02:30 CEST, once
        '2026-10-25T13:30:00.000Z',
        '2026-10-26T01:30:00.000Z',
      ]);
    });
  });

  describe('an interval keeps its spacing in elapsed time', () => {
    it.each([
      ['Europe/Berlin', '2026-03-29T00:00:00Z'],
      ['Europe/Berlin', '2026-10-25T00:00:00Z'],
      ['America/New_York', '2026-03-08T05:00:00Z'],
      ['America/New_York', '2026-11-01T04:00:00Z'],
    ])('in %s around %s', (zone, from) => {
      for (const everyMinutes of [15, 60, 90]) {
        const runs = nextRuns(schedule({ mode: 'interval', everyMinutes, zone }), at(from), 12);
        expect(new Set(gaps(runs)), `every ${everyMinutes} minutes`).toEqual(
          new Set([everyMinutes]),
        );
      }
    });

    it('so an hourly schedule runs 23 times on the spring-forward day and 25 on the fall-back day', () => {
      const hourly = schedule({ mode: 'interval', everyMinutes: 60, zone: 'Europe/Berlin' });
      const day = (date: string) => {
        const start = DateTime.fromISO(date, { zone: 'Europe/Berlin' });
        const end = start.plus({ days: 1 }).toMillis();
        return nextRuns(hourly, new Date(start.toMillis() - 1), 30).filter(
          (run) => run.getTime() < end,
        ).length;
      };
      expect([day('2026-03-29'), day('2026-10-25'), day('2026-10-26')]).toEqual([23, 25, 24]);
    });

    it('and gives the same times as croner gives for its cron expression', () => {
      const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'America/St_Johns'];
      const froms = ['2026-03-08T00:00:00Z', '2026-03-28T22:00:00Z', '2026-10-24T22:00:00Z'];
      for (const zone of zones) {
        for (const everyMinutes of [5, 20, 30, 60]) {
          const config = schedule({ mode: 'interval', everyMinutes, zone });
          const job = cronJob(scheduleToCron(config)!, zone);
          for (const from of [...froms, '2026-11-01T03:00:00Z']) {
            const count = (8 * 60) / everyMinutes;
            expect(iso(nextRuns(config, at(from), count)), `${everyMinutes} in ${zone}`).toEqual(
              iso(job.nextRuns(count, at(from))),
            );
          }
        }
      }
    });
  });

  it('a cron expression with a wildcard hour is an interval: both copies of a repeated hour', () => {
    const config = schedule({ mode: 'cron', cron: '0 * * * *', zone: 'Europe/Berlin' });
    expect(iso(nextRuns(config, at('2026-10-24T23:30:00Z'), 4))).toEqual([
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T01:00:00.000Z', // 02:00 CET
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T03:00:00.000Z',
    ]);
  });
});

describe('nextRuns, for any schedule', () => {
  const pad = (n: number) => String(n).padStart(2, '0');
  const zone = fc.constantFrom(
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
  );
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${pad(h)}:${pad(m)}`);
  const config = fc
    .oneof(
      fc.record({
        mode: fc.constant('interval' as const),
        everyMinutes: fc.integer({ min: 1, max: 1440 }),
        zone,
      }),
      fc.record({ mode: fc.constant('daily' as const), time, zone }),
      fc.record({
        mode: fc.constant('weekly' as const),
        weekdays: fc.uniqueArray(fc.constantFrom(...Weekday.options), { minLength: 1 }),
        time,
        zone,
      }),
      fc.record({
        mode: fc.constant('monthly' as const),
        dayOfMonth: fc.integer({ min: 1, max: 31 }),
        time,
        zone,
      }),
      fc.record({
        mode: fc.constant('cron' as const),
        cron: fc.constantFrom(
          '*/7 * * * *',
          '30 2 * * *',
          '0 0 29 2 *',
          '15 1-3 * * 0',
          '0 9 L * *',
        ),
        zone,
      }),
    )
    .map((input) => schedule(input));
  const after = fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  });

  it('gives strictly increasing times, all after `after`, and resumes from any of them', () => {
    fc.assert(
      fc.property(config, after, (config, after) => {
        const runs = nextRuns(config, after);
        expect(runs).toHaveLength(5);
        expect(runs[0]!.getTime()).toBeGreaterThan(after.getTime());
        for (const gap of gaps(runs)) expect(gap).toBeGreaterThan(0);
        expect(iso(nextRuns(config, runs[1]!, 3))).toEqual(iso(runs.slice(2)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('describeSchedule', () => {
  it.each<[ScheduleConfigInput, string]>([
    [{ mode: 'interval', everyMinutes: 1 }, 'Every minute (UTC)'],
    [
      { mode: 'interval', everyMinutes: 15, zone: 'Europe/Berlin' },
      'Every 15 minutes (Europe/Berlin)',
    ],
    [{ mode: 'interval', everyMinutes: 60 }, 'Every hour (UTC)'],
    [{ mode: 'interval', everyMinutes: 90 }, 'Every 90 minutes (UTC)'],
    [{ mode: 'interval', everyMinutes: 120 }, 'Every 2 hours (UTC)'],
    [{ mode: 'daily', time: '09:00', zone: 'Europe/Berlin' }, 'Every day at 09:00 (Europe/Berlin)'],
    [{ mode: 'weekly', time: '08:30' }, 'Every weekday (Monday to Friday) at 08:30 (UTC)'],
    [
      { mode: 'weekly', weekdays: ['fri', 'mon', 'wed'] },
      'Every Monday, Wednesday and Friday at 09:00 (UTC)',
    ],
    [{ mode: 'weekly', weekdays: ['sun', 'sat'] }, 'Every Saturday and Sunday at 09:00 (UTC)'],
    [{ mode: 'weekly', weekdays: ['sun'] }, 'Every Sunday at 09:00 (UTC)'],
    [{ mode: 'weekly', weekdays: [...Weekday.options] }, 'Every day at 09:00 (UTC)'],
    [{ mode: 'monthly', dayOfMonth: 1 }, 'On the 1st of every month at 09:00 (UTC)'],
    [{ mode: 'monthly', dayOfMonth: 2 }, 'On the 2nd of every month at 09:00 (UTC)'],
    [{ mode: 'monthly', dayOfMonth: 13 }, 'On the 13th of every month at 09:00 (UTC)'],
    [{ mode: 'monthly', dayOfMonth: 23 }, 'On the 23rd of every month at 09:00 (UTC)'],
    [
      { mode: 'monthly', dayOfMonth: 31 },
      'On the 31st of every month that has one, at 09:00 (UTC)',
    ],
    [
      { mode: 'cron', cron: '0 9 * * 1-5', zone: 'America/New_York' },
      'On the cron schedule "0 9 * * 1-5" (America/New_York)',
    ],
  ])('describes %j as %j', (input, text) => {
    expect(describeSchedule(schedule(input))).toBe(text);
  });
});
