import { describe, expect, it } from 'vitest';
import { cronProblem, ScheduleConfig } from './schedule-config';

/** The messages a config gets, by field path. */
function messages(input: unknown): Record<string, string> {
  const result = ScheduleConfig.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('ScheduleConfig', () => {
  it('fills each mode’s defaults, with UTC as the zone', () => {
    expect(ScheduleConfig.parse({ mode: 'interval' })).toEqual({
      mode: 'interval',
      everyMinutes: 15,
      zone: 'UTC',
    });
    expect(ScheduleConfig.parse({ mode: 'daily' })).toEqual({
      mode: 'daily',
      time: '09:00',
      zone: 'UTC',
    });
    expect(ScheduleConfig.parse({ mode: 'weekly', zone: 'Europe/Berlin' })).toEqual({
      mode: 'weekly',
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      time: '09:00',
      zone: 'Europe/Berlin',
    });
    expect(ScheduleConfig.parse({ mode: 'monthly' })).toMatchObject({ dayOfMonth: 1 });
  });

  it('keeps only the chosen mode’s fields', () => {
    expect(ScheduleConfig.parse({ mode: 'daily', time: '07:15', everyMinutes: 5 })).toEqual({
      mode: 'daily',
      time: '07:15',
      zone: 'UTC',
    });
  });

  it('asks for a mode when there is none or an unknown one', () => {
    const expected = 'Choose how often it runs: interval, daily, weekly, monthly or cron';
    expect(Object.values(messages({}))).toEqual([expected]);
    expect(Object.values(messages({ mode: 'hourly' }))).toEqual([expected]);
  });

  it('rejects a zone that is not an IANA time zone, naming it', () => {
    expect(messages({ mode: 'daily', zone: 'Mars/Olympus_Mons' })).toEqual({
      zone: '"Mars/Olympus_Mons" is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC',
    });
    expect(messages({ mode: 'daily', zone: 'CEST+2' })).toHaveProperty('zone');
    expect(messages({ mode: 'daily', zone: 'America/New_York' })).toEqual({});
  });

  it.each(['9:00', '24:00', '12:60', '12.30', '0900'])('rejects the time %j', (time) => {
    expect(messages({ mode: 'daily', time })).toEqual({
      time: 'Write the time as HH:mm on a 24-hour clock, e.g. 09:00',
    });
  });

  it('bounds the interval to 1…1440 whole minutes', () => {
    expect(messages({ mode: 'interval', everyMinutes: 0 })).toEqual({
      everyMinutes: 'Choose from 1 to 1440 minutes',
    });
    expect(messages({ mode: 'interval', everyMinutes: 1441 })).toEqual({
      everyMinutes: 'Choose from 1 to 1440 minutes (24 hours)',
    });
    expect(messages({ mode: 'interval', everyMinutes: 2.5 })).toEqual({
      everyMinutes: 'Choose a whole number of minutes',
    });
    expect(messages({ mode: 'interval', everyMinutes: 1440 })).toEqual({});
  });

  it('needs at least one weekday and a day of the month from 1 to 31', () => {
    expect(messages({ mode: 'weekly', weekdays: [] })).toEqual({
      weekdays: 'Choose at least one day of the week',
    });
    expect(messages({ mode: 'weekly', weekdays: ['funday'] })).toHaveProperty(['weekdays.0']);
    expect(messages({ mode: 'monthly', dayOfMonth: 32 })).toEqual({
      dayOfMonth: 'Choose a day of the month from 1 to 31',
    });
  });

  describe('cron mode', () => {
    it('accepts five fields, names, steps, L and the @ nicknames', () => {
      for (const cron of ['0 9 * * 1-5', '*/10 8-18 * * MON-FRI', '0 9 L * *', '@daily']) {
        expect(messages({ mode: 'cron', cron })).toEqual({});
      }
    });

    it('says why croner rejects an expression, and how to write one', () => {
      expect(messages({ mode: 'cron', cron: '61 9 * * *' })).toEqual({
        cron: '"61 9 * * *" is not a valid cron expression: Invalid value for minute: 61. Write five fields: minute, hour, day of month, month, day of week, e.g. "0 9 * * 1-5".',
      });
      expect(messages({ mode: 'cron', cron: '0 9 * *' }).cron).toMatch(
        /^"0 9 \* \*" is not a valid cron expression: .*five, six, or seven .*Write five fields/,
      );
    });

    it('rejects seconds and years: a schedule has whole minutes', () => {
      expect(messages({ mode: 'cron', cron: '0 0 9 * * *' }).cron).toMatch(
        /requires exactly 5 parts/,
      );
    });

    it('rejects an expression that matches no date', () => {
      expect(messages({ mode: 'cron', cron: '0 9 30 2 *' })).toEqual({
        cron: '"0 9 30 2 *" matches no date (such as 30 February), so it would never run.',
      });
    });

    it('asks for an expression when it is empty', () => {
      expect(messages({ mode: 'cron', cron: '  ' }).cron).toMatch(/^Enter a cron expression/);
      expect(messages({ mode: 'cron' }).cron).toMatch(/^Enter a cron expression/);
    });
  });

  it('cronProblem is null for a usable expression', () => {
    expect(cronProblem('0 9 * * 1-5')).toBeNull();
  });
});
