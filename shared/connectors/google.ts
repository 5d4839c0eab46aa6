import { z } from 'zod';
import type { ConnectorDescriptor, FieldHint } from './types';

const spreadsheetField: FieldHint = {
  label: 'Spreadsheet',
  widget: 'select',
  options: { kind: 'dynamic', source: 'spreadsheets' },
};
const sheetField: FieldHint = {
  label: 'Tab',
  widget: 'select',
  help: 'Followed by its id, so renaming the tab does not break the workflow.',
  options: { kind: 'dynamic', source: 'sheets', dependsOn: ['spreadsheetId'] },
};
const columnField = (label: string, help?: string): FieldHint => ({
  label,
  help,
  widget: 'select',
  options: { kind: 'dynamic', source: 'columns', dependsOn: ['spreadsheetId', 'sheetId'] },
});

export const SheetsRowTriggerConfig = z.object({
  spreadsheetId: z.string().min(1, 'Choose a spreadsheet'),
  sheetId: z.coerce.number().int().min(0, 'Choose a tab'),
  headerRow: z.number().int().min(1).max(1000).default(1),
  /** The column that names a row (e-mail, order number); without one, rows are told apart by content. */
  keyColumn: z.string().optional(),
  requiredColumns: z.array(z.string()).default([]),
  settleSeconds: z.number().int().min(0).max(86_400).default(0),
  /** Fire the rows that exist when the workflow is turned on, instead of taking them as the baseline. */
  backfill: z.boolean().default(false),
  /** A full read happens at least this often even when Drive's version has not moved. */
  stalenessMinutes: z.number().min(0).max(1440).default(5),
});
export type SheetsRowTriggerConfig = z.infer<typeof SheetsRowTriggerConfig>;

const CellInput = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const SheetsAppendConfig = z.object({
  spreadsheetId: z.string().min(1, 'Choose a spreadsheet'),
  sheetId: z.coerce.number().int().min(0, 'Choose a tab'),
  headerRow: z.number().int().min(1).default(1),
  /** One row (column name → value), or several. */
  rows: z.union([
    z.record(z.string(), CellInput),
    z.array(z.record(z.string(), CellInput)).max(10_000),
  ]),
  /** With a key column, a retry finds rows already appended instead of appending them twice. */
  keyColumn: z.string().optional(),
  chunkSize: z.number().int().min(1).max(5000).default(500),
});
export type SheetsAppendConfig = z.infer<typeof SheetsAppendConfig>;

export const SheetsUpdateConfig = z.object({
  spreadsheetId: z.string().min(1),
  sheetId: z.coerce.number().int().min(0),
  headerRow: z.number().int().min(1).default(1),
  keyColumn: z.string().min(1, 'Choose the key column'),
  keyValue: CellInput,
  values: z.record(z.string(), CellInput),
  /** Append the row when no row has the key. */
  upsert: z.boolean().default(false),
});
export type SheetsUpdateConfig = z.infer<typeof SheetsUpdateConfig>;

export const SheetsFindConfig = z.object({
  spreadsheetId: z.string().min(1),
  sheetId: z.coerce.number().int().min(0),
  headerRow: z.number().int().min(1).default(1),
  column: z.string().min(1),
  value: CellInput,
});
export type SheetsFindConfig = z.infer<typeof SheetsFindConfig>;

export const CalendarCreateEventConfig = z.object({
  calendarId: z.string().min(1).default('primary'),
  summary: z.string().min(1, 'The event needs a title'),
  description: z.string().optional(),
  start: z.string().min(1, 'When does it start? (ISO date and time)'),
  end: z.string().min(1, 'When does it end? (ISO date and time)'),
  timeZone: z.string().optional(),
  attendees: z.array(z.string()).default([]),
  meet: z.boolean().default(false),
  /** What to do when the calendar is already busy then. */
  whenBusy: z.enum(['create', 'warn', 'refuse']).default('create'),
});
export type CalendarCreateEventConfig = z.infer<typeof CalendarCreateEventConfig>;

export const CalendarFreeSlotsConfig = z.object({
  calendarIds: z.array(z.string().min(1)).min(1).default(['primary']),
  timeMin: z.string().min(1),
  timeMax: z.string().min(1),
  durationMinutes: z.number().int().min(5).max(1440).default(30),
});
export type CalendarFreeSlotsConfig = z.infer<typeof CalendarFreeSlotsConfig>;

export const CALENDAR_CHANGES = ['created', 'updated', 'cancelled'] as const;
export const CalendarEventTriggerConfig = z.object({
  calendarId: z.string().min(1).default('primary'),
  /** Which kinds of change fire. */
  changes: z
    .array(z.enum(CALENDAR_CHANGES))
    .min(1, 'Choose at least one kind of change')
    .default([...CALENDAR_CHANGES]),
});
export type CalendarEventTriggerConfig = z.infer<typeof CalendarEventTriggerConfig>;

const calendarEventTrigger = {
  id: 'calendar_event_changed',
  kind: 'polling' as const,
  name: 'Event created, updated or cancelled',
  description:
    'Fires for each change to the calendar’s events, read incrementally (sync token); a full resync never fires a change twice.',
  config: CalendarEventTriggerConfig,
  ui: {
    order: ['calendarId', 'changes'],
    fields: {
      calendarId: {
        label: 'Calendar',
        widget: 'select' as const,
        options: { kind: 'dynamic' as const, source: 'calendars' },
      },
      changes: { label: 'Fire on', help: 'created, updated, cancelled' },
    },
  },
  sample: {
    change: 'created',
    id: 'abc123',
    summary: 'Intro call',
    start: '2026-03-03T10:00:00Z',
    end: '2026-03-03T10:30:00Z',
    attendees: ['ada@example.com'],
    status: 'confirmed',
  },
};

const rowTrigger = (id: string, name: string, description: string) => ({
  id,
  kind: 'polling' as const,
  name,
  description,
  config: SheetsRowTriggerConfig,
  ui: {
    order: [
      'spreadsheetId',
      'sheetId',
      'keyColumn',
      'requiredColumns',
      'settleSeconds',
      'backfill',
      'headerRow',
      'stalenessMinutes',
    ],
    fields: {
      spreadsheetId: spreadsheetField,
      sheetId: sheetField,
      keyColumn: columnField(
        'Key column',
        'A column whose value names the row (e-mail, order number). Without one, rows are told apart by their content.',
      ),
      requiredColumns: {
        label: 'Wait for these columns',
        help: 'A row fires only once these are filled.',
      },
      settleSeconds: {
        label: 'Settle time (seconds)',
        widget: 'number' as const,
        help: 'A new row fires once it has not changed for this long.',
      },
      backfill: { label: 'Also fire existing rows', widget: 'switch' as const },
      headerRow: { label: 'Header row', widget: 'number' as const, advanced: true },
      stalenessMinutes: {
        label: 'Full read at least every (minutes)',
        widget: 'number' as const,
        advanced: true,
      },
    },
  },
  sample: { email: 'ada@example.com', name: 'Ada Lovelace', _row: 2, _change: 'new' },
});

export const googleConnector: ConnectorDescriptor = {
  id: 'google',
  name: 'Google Sheets & Calendar',
  category: 'google',
  icon: 'google',
  description: 'Rows added to a sheet, calendar events; append rows and create events.',
  docsUrl: 'https://developers.google.com/sheets/api',
  auth: ['oauth2'],
  triggers: [
    rowTrigger(
      'sheets_new_row',
      'New row in a sheet',
      'Fires once for every row added to the tab, wherever it is inserted.',
    ),
    rowTrigger(
      'sheets_new_or_updated_row',
      'New or updated row',
      'Fires for rows added to the tab and for rows whose cells change.',
    ),
    calendarEventTrigger,
  ],
  actions: [
    {
      id: 'sheets_append_rows',
      name: 'Append row(s)',
      description: 'Adds rows under the table, matching values to columns by header.',
      sideEffects: true,
      config: SheetsAppendConfig,
      ui: {
        order: ['spreadsheetId', 'sheetId', 'rows', 'keyColumn'],
        fields: {
          spreadsheetId: spreadsheetField,
          sheetId: sheetField,
          rows: { label: 'Row values', widget: 'mapping', mappable: true },
          keyColumn: columnField(
            'Key column',
            'Lets a retry find a row it already appended instead of adding it twice.',
          ),
        },
      },
      sample: { appended: 1, updatedRange: 'Leads!A5:C5' },
    },
    {
      id: 'sheets_update_row',
      name: 'Update row by key',
      description:
        'Changes the row whose key column has the value; can add it when missing (upsert).',
      sideEffects: true,
      idempotent: true,
      config: SheetsUpdateConfig,
      ui: {
        order: ['spreadsheetId', 'sheetId', 'keyColumn', 'keyValue', 'values', 'upsert'],
        fields: {
          spreadsheetId: spreadsheetField,
          sheetId: sheetField,
          keyColumn: columnField('Key column'),
          keyValue: { label: 'Key value', mappable: true },
          values: { label: 'New values', widget: 'mapping', mappable: true },
          upsert: { label: 'Add the row when no row has the key', widget: 'switch' },
        },
      },
    },
    {
      id: 'sheets_find_rows',
      name: 'Find row(s)',
      description: 'Rows whose column equals a value.',
      sideEffects: false,
      config: SheetsFindConfig,
      ui: {
        order: ['spreadsheetId', 'sheetId', 'column', 'value'],
        fields: {
          spreadsheetId: spreadsheetField,
          sheetId: sheetField,
          column: columnField('Column'),
          value: { label: 'Value', mappable: true },
        },
      },
    },
    {
      id: 'calendar_create_event',
      name: 'Create calendar event',
      description: 'Creates an event, optionally with a Google Meet link; can refuse a busy slot.',
      sideEffects: true,
      idempotent: true,
      config: CalendarCreateEventConfig,
      ui: {
        order: [
          'calendarId',
          'summary',
          'start',
          'end',
          'timeZone',
          'attendees',
          'meet',
          'whenBusy',
          'description',
        ],
        fields: {
          calendarId: {
            label: 'Calendar',
            widget: 'select',
            options: { kind: 'dynamic', source: 'calendars' },
          },
          summary: { label: 'Title', mappable: true },
          start: { label: 'Starts', mappable: true, placeholder: '2026-03-02T10:00:00Z' },
          end: { label: 'Ends', mappable: true },
          timeZone: { label: 'Time zone', placeholder: 'Europe/London', advanced: true },
          attendees: { label: 'Guests (e-mail addresses)', mappable: true },
          meet: { label: 'Add a Google Meet link', widget: 'switch' },
          whenBusy: {
            label: 'When the slot is busy',
            widget: 'select',
            options: {
              kind: 'static',
              options: [
                { value: 'create', label: 'Create it anyway' },
                { value: 'warn', label: 'Create it and note the conflict' },
                { value: 'refuse', label: 'Do not create it (the step fails)' },
              ],
            },
          },
          description: { label: 'Description', widget: 'textarea', mappable: true },
        },
      },
      sample: {
        id: 'abc123',
        htmlLink: 'https://www.google.com/calendar/event?eid=…',
        hangoutLink: 'https://meet.google.com/abc-defg-hij',
        conflicts: [],
      },
    },
    {
      id: 'calendar_find_free_slots',
      name: 'Find free slots',
      description: 'Free times of the chosen length in a range, across calendars.',
      sideEffects: false,
      config: CalendarFreeSlotsConfig,
      ui: {
        order: ['calendarIds', 'timeMin', 'timeMax', 'durationMinutes'],
        fields: {
          calendarIds: { label: 'Calendars' },
          timeMin: { label: 'From', mappable: true },
          timeMax: { label: 'Until', mappable: true },
          durationMinutes: { label: 'Length (minutes)', widget: 'number' },
        },
      },
    },
  ],
};
