import { ScheduleConfig, WEEKDAY_NAMES, Weekday } from '../workflow/schedule-config';
import type { ConnectorDescriptor } from './types';

/**
 * Starts a run at the times the operator chooses. The inspector shows a field only when the
 * chosen mode's variant of the config has it; `weekdays` is a list, so its select takes several.
 */
export const scheduleConnector: ConnectorDescriptor = {
  id: 'schedule',
  name: 'Schedule',
  category: 'builtin',
  icon: 'clock',
  description:
    'Start the workflow at set times: every few minutes, daily, weekly, monthly or by cron.',
  auth: ['none'],
  triggers: [
    {
      id: 'every',
      kind: 'schedule',
      name: 'On a schedule',
      description:
        'Runs at the times you choose, in the time zone you choose. Times missed while the computer slept or Switchyard was closed follow the workflow’s catch-up setting.',
      config: ScheduleConfig,
      ui: {
        order: ['mode', 'everyMinutes', 'time', 'weekdays', 'dayOfMonth', 'cron', 'zone'],
        fields: {
          mode: {
            label: 'Repeat',
            widget: 'select',
            options: {
              kind: 'static',
              options: [
                { value: 'interval', label: 'Every few minutes' },
                { value: 'daily', label: 'Every day' },
                { value: 'weekly', label: 'Every week' },
                { value: 'monthly', label: 'Every month' },
                { value: 'cron', label: 'Cron expression' },
              ],
            },
          },
          everyMinutes: {
            label: 'Every (minutes)',
            widget: 'number',
            placeholder: '15',
            help: 'From 1 to 1440. Runs are exactly this far apart, also when clocks change for daylight saving.',
          },
          time: {
            label: 'At',
            widget: 'text',
            placeholder: '09:00',
            help: 'HH:mm, 24-hour clock. When clocks spring forward a time that does not exist runs at the end of the skipped hour; when they fall back a repeated time runs once.',
          },
          weekdays: {
            label: 'On',
            widget: 'select',
            help: 'One or more days of the week.',
            options: {
              kind: 'static',
              options: Weekday.options.map((day) => ({ value: day, label: WEEKDAY_NAMES[day] })),
            },
          },
          dayOfMonth: {
            label: 'Day of the month',
            widget: 'number',
            placeholder: '1',
            help: 'From 1 to 31. Months without that day (the 31st in April) are skipped; for the last day of every month use the cron expression "0 9 L * *".',
          },
          cron: {
            label: 'Cron expression',
            widget: 'code',
            placeholder: '0 9 * * 1-5',
            help: 'Five fields: minute, hour, day of month, month, day of week (0 or 7 is Sunday), read in the time zone below.',
          },
          zone: {
            label: 'Time zone',
            widget: 'text',
            placeholder: 'Europe/Berlin',
            help: 'An IANA time zone such as Europe/Berlin or America/New_York; new schedules start with this computer’s zone.',
          },
        },
      },
      sample: { scheduledFor: '2026-01-05T08:00:00.000Z', firedAt: '2026-01-05T08:00:00.412Z' },
    },
  ],
  actions: [],
};
