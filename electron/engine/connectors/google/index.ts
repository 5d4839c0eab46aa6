import type { ConnectorImpl } from '../types';
import { createEvent, findFreeSlots } from './calendar-actions';
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
    'sheets.new_row': createSheetsRowTrigger('new'),
    'sheets.new_or_updated_row': createSheetsRowTrigger('new_or_updated'),
  },
  actions: {
    'sheets.append_rows': appendRows,
    'sheets.update_row': updateRow,
    'sheets.find_rows': findRows,
    'calendar.create_event': createEvent,
    'calendar.find_free_slots': findFreeSlots,
  },
};
