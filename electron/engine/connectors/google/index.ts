import type { ConnectorImpl, PollingTriggerImpl } from '../types';
import { createEvent, findFreeSlots } from './calendar-actions';
import { calendarEventTrigger } from './calendar-trigger';
import { calendarOptions, columnOptions, sheetOptions, spreadsheetOptions } from './options';
import { appendRows, findRows, updateRow } from './sheets-actions';
import { createSheetsRowTrigger } from './sheets-trigger';

/** Google Sheets and Calendar, over the engine's HTTP layer through the googleapis clients. */
export const googleImpl: ConnectorImpl = {
  id: 'google',
  options: {
    spreadsheets: spreadsheetOptions,
    sheets: sheetOptions,
    columns: columnOptions,
    calendars: calendarOptions,
  },
  triggers: {
    sheets_new_row: createSheetsRowTrigger('new'),
    sheets_new_or_updated_row: createSheetsRowTrigger('new_or_updated'),
    calendar_event_changed: calendarEventTrigger as PollingTriggerImpl,
  },
  actions: {
    sheets_append_rows: appendRows,
    sheets_update_row: updateRow,
    sheets_find_rows: findRows,
    calendar_create_event: createEvent,
    calendar_find_free_slots: findFreeSlots,
  },
};
