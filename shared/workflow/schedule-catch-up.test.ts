import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATCH_UP_GRACE_MS, missedRuns, nextRuns } from './schedule';
import { ScheduleConfig, type ScheduleConfigInput } from './schedule-config';

const schedule = (input: ScheduleConfigInput) => ScheduleConfig.parse(input);
const iso = (dates: readonly Date[]) => dates.map((d) => d.toISOString());
const at = (time: string) => new Date(`2026-01-15T${time}Z`);
const hours = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => at(`${String(from + i).padStart(2, '0')}:00:00`));

// Hourly, written both ways, so the arithmetic interval and croner are held to one specification.
const HOURLY: [string, ScheduleConfig][] = [
  ['an hourly interval', schedule({ mode: 'interval', everyMinutes: 60 })],
  ['the cron "0 * * * *"', schedule({ mode: 'cron', cron: '0 * * * *' })],
];

describe.each(HOURLY)('missedRuns, for %s', (_, hourly) => {
  describe('after an 8-hour gap (last ran 04:00, back at 12:20: 05:00…12:00 missed)', () => {
    const last = at('04:00:00');
    const now = at('12:20:00');

    it('skip fires none of them', () => {
      expect(missedRuns(hourly, last, now, 'skip')).toEqual({
        fire: [],
        skipped: 8,
        next: at('13:00:00'),
      });
    });

    it('run_once fires the latest of them, once', () => {
      expect(missedRuns(hourly, last, now, 'run_once')).toEqual({
        fire: [at('12:00:00')],
        skipped: 7,
        next: at('13:00:00'),
      });
    });

    it('run_all fires each of them, oldest first', () => {
      expect(missedRuns(hourly, last, now, 'run_all')).toEqual({
        fire: hours(5, 12),
        skipped: 0,
        next: at('13:00:00'),
      });
    });

    it('run_all fires at most maxRunAll, the latest ones, and counts the rest as skipped', () => {
      expect(missedRuns(hourly, last, now, 'run_all', 3)).toEqual({
        fire: hours(10, 12),
        skipped: 5,
        next: at('13:00:00'),
      });
    });
  });

  describe('at the edges of the window (lastScheduled, now]', () => {
    it('a time equal to lastScheduled is not missed: it was the previous call’s', () => {
      for (const policy of ['skip', 'run_once', 'run_all'] as const) {
        expect(missedRuns(hourly, at('12:00:00'), at('12:40:00'), policy)).toEqual({
          fire: [],
          skipped: 0,
          next: at('13:00:00'),
        });
      }
    });

    it('a time equal to now is due, and fires under every policy', () => {
      for (const policy of ['skip', 'run_once', 'run_all'] as const) {
        expect(missedRuns(hourly, at('11:30:00'), at('12:00:00'), policy)).toEqual({
          fire: [at('12:00:00')],
          skipped: 0,
          next: at('13:00:00'),
        });
      }
    });

    it('a time up to the grace period late is due too; later than that it was missed', () => {
      const last = at('11:30:00');
      const justInTime = new Date(at('12:00:00').getTime() + CATCH_UP_GRACE_MS);
      expect(missedRuns(hourly, last, justInTime, 'skip').fire).toEqual([at('12:00:00')]);
      const tooLate = new Date(justInTime.getTime() + 1);
      expect(missedRuns(hourly, last, tooLate, 'skip')).toMatchObject({ fire: [], skipped: 1 });
      expect(missedRuns(hourly, last, at('12:00:00.001'), 'skip', 100, 0)).toMatchObject({
        fire: [],
        skipped: 1,
      });
    });

    it('a due time stands in for the missed ones under run_once', () => {
      expect(missedRuns(hourly, at('04:00:00'), at('12:00:10'), 'run_once')).toEqual({
        fire: [at('12:00:00')],
        skipped: 7,
        next: at('13:00:00'),
      });
    });

    it('run_all fires the due time beside at most maxRunAll missed ones', () => {
      expect(missedRuns(hourly, at('04:00:00'), at('12:00:10'), 'run_all', 2)).toEqual({
        fire: hours(10, 12),
        skipped: 5,
        next: at('13:00:00'),
      });
    });
  });

  it('fires nothing when nothing was missed', () => {
    expect(missedRuns(hourly, at('12:00:00'), at('12:59:59'), 'run_all')).toEqual({
      fire: [],
      skipped: 0,
      next: at('13:00:00'),
    });
  });

  it('fires nothing for a schedule that never ran, and starts after now', () => {
    for (const now of [at('12:20:00'), at('12:00:00')]) {
      expect(missedRuns(hourly, null, now, 'run_all')).toEqual({
        fire: [],
        skipped: 0,
        next: at('13:00:00'),
      });
    }
  });

  it('does not bring back a time already dealt with when the clock is set back', () => {
    expect(missedRuns(hourly, at('12:00:00'), at('10:30:00'), 'run_all')).toEqual({
      fire: [],
      skipped: 0,
      next: at('13:00:00'),
    });
  });
});

describe('missedRuns', () => {
  it('bounds run_all over a long gap of a frequent schedule', () => {
    const everyMinute = schedule({ mode: 'interval', everyMinutes: 1 });
    const result = missedRuns(everyMinute, at('04:00:00'), at('12:00:00'), 'run_all');
    // 480 minutes; 12:00 is due, the 100 latest of the other 479 fire.
    expect(result.fire).toHaveLength(101);
    expect(result.skipped).toBe(379);
    expect(iso([result.fire[0]!, result.fire[100]!])).toEqual(
      iso([at('10:20:00'), at('12:00:00')]),
    );
  });

  it('counts a long gap at once for an interval: a year of minutes', () => {
    const everyMinute = schedule({ mode: 'interval', everyMinutes: 1 });
    const yearAgo = new Date('2025-01-15T12:00:00Z');
    expect(missedRuns(everyMinute, yearAgo, at('12:00:00'), 'skip')).toMatchObject({
      fire: [at('12:00:00')],
      skipped: 365 * 24 * 60 - 1,
    });
  });

  it('catches up a daily time once on the fall-back day, when the time happens twice', () => {
    const config = schedule({ mode: 'daily', time: '02:30', zone: 'Europe/Berlin' });
    // Last fired 02:30 CEST on 24 October; back at 04:00 CET on the 25th.
    const result = missedRuns(
      config,
      new Date('2026-10-24T00:30:00Z'),
      new Date('2026-10-25T03:00:00Z'),
      'run_all',
    );
    expect(iso(result.fire)).toEqual(['2026-10-25T00:30:00.000Z']);
    expect(result.next.toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });

  it('never fires a time twice nor loses one, when each call starts where the last ended', () => {
    const configs = [
      schedule({ mode: 'interval', everyMinutes: 7, zone: 'Europe/Berlin' }),
      schedule({ mode: 'daily', time: '02:30', zone: 'Europe/Berlin' }),
      schedule({ mode: 'cron', cron: '*/20 1-3 * * *', zone: 'America/New_York' }),
    ];
    const start = new Date('2026-10-24T00:00:00Z').getTime();
    // Every time of each schedule in the longest walk below (30 steps of at most 6 hours).
    const timesOf = new Map(
      configs.map((config) => [config, iso(nextRuns(config, new Date(start), 1600))]),
    );
    const steps = fc.array(fc.integer({ min: 0, max: 6 * 3_600_000 }), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(fc.constantFrom(...configs), steps, (config, steps) => {
        let last = new Date(start);
        const fired: string[] = [];
        for (const step of steps) {
          const now = new Date(last.getTime() + step);
          fired.push(...iso(missedRuns(config, last, now, 'run_all', 10_000).fire));
          last = now;
        }
        const due = timesOf.get(config)!.filter((time) => Date.parse(time) <= last.getTime());
        expect(fired).toEqual(due);
      }),
      { numRuns: 100 },
    );
  });
});
