import type { calendar_v3 } from '@googleapis/calendar';
import { columnToIndex } from './a1';
import { newCalendar, newEventId, type CalendarModel } from './calendar-model';
import { revokeToken } from './oauth';
import { batchUpdateSheets } from './sheets-spreadsheets';
import {
  appendRowIndex,
  readBox,
  writeValues,
  type SheetModel,
  type SpreadsheetModel,
} from './sheets-model';
import { createSpreadsheetModel, locate, recordWrite, type SeedSheet } from './sheets-store';
import type { EmulatorState, Fault, RequestLogEntry } from './state';

type CellValue = string | number | boolean | null;

export interface TruthRow {
  /** 1-based row number, as the sheet shows it. */
  row: number;
  truthId: string;
  values: (string | number | boolean)[];
}

/**
 * What tests do to the emulator from outside the product: seed data, make "human" edits
 * (which bypass quotas and the request log, but bump Drive's version like any write), turn
 * knobs, and read the ground truth the product never sees.
 */
export function createControl(state: EmulatorState) {
  const sheetOf = (
    spreadsheetId: string,
    title?: string,
  ): { spreadsheet: SpreadsheetModel; sheet: SheetModel } => {
    const spreadsheet = state.spreadsheets.get(spreadsheetId);
    if (!spreadsheet) throw new Error(`No spreadsheet ${spreadsheetId} in the emulator.`);
    const sheet =
      title === undefined
        ? spreadsheet.sheets[0]
        : spreadsheet.sheets.find((s) => s.title === title);
    if (!sheet) throw new Error(`No sheet "${title}" in spreadsheet ${spreadsheetId}.`);
    return { spreadsheet, sheet };
  };
  const ensureAccount = (email: string) => {
    if (!state.accounts.includes(email)) state.accounts.push(email);
    if (![...state.calendars.values()].some((c) => c.owner === email && c.primary)) {
      state.calendars.set(email, newCalendar(email, email, email, 'Europe/London', true));
    }
  };
  const owner = (o?: string) => {
    const who = o ?? state.accounts[0]!;
    ensureAccount(who);
    return who;
  };
  const columnIndex = (column: string | number) =>
    typeof column === 'number' ? column : columnToIndex(column);

  const control = {
    addAccount(email: string): void {
      ensureAccount(email);
    },
    addClient(clientId: string, clientSecret: string): void {
      state.oauth.clients.set(clientId, { clientId, clientSecret });
    },
    createSpreadsheet(seed: { title: string; owner?: string; id?: string; sheets?: SeedSheet[] }) {
      const model = createSpreadsheetModel(
        state,
        owner(seed.owner),
        seed.title,
        seed.sheets ?? [],
        seed.id,
      );
      return {
        spreadsheetId: model.spreadsheetId,
        sheets: model.sheets.map((s) => ({ sheetId: s.sheetId, title: s.title })),
      };
    },
    addDriveFile(file: {
      name: string;
      mimeType: string;
      owner?: string;
      trashed?: boolean;
    }): string {
      const id = `emu-file-${state.otherFiles.size + 1}`;
      const now = state.now();
      state.otherFiles.set(id, {
        id,
        owner: owner(file.owner),
        trashed: false,
        createdTime: now,
        modifiedTime: now,
        ...file,
      });
      return id;
    },
    trashSpreadsheet(spreadsheetId: string): void {
      sheetOf(spreadsheetId).spreadsheet.trashed = true;
    },
    appendRow(spreadsheetId: string, sheetTitle: string | undefined, values: CellValue[]): number {
      const { spreadsheet, sheet } = sheetOf(spreadsheetId, sheetTitle);
      const at = appendRowIndex(sheet, {
        startRow: 0,
        endRow: sheet.rowCount,
        startCol: 0,
        endCol: sheet.columnCount,
      });
      if (at >= sheet.rowCount) sheet.rowCount = at + 1;
      writeValues(sheet, at, 0, [values], 'USER_ENTERED');
      recordWrite(state, spreadsheet);
      return at + 1;
    },
    editCell(spreadsheetId: string, a1: string, value: CellValue): void {
      const spreadsheet = sheetOf(spreadsheetId).spreadsheet;
      const { sheet, box } = locate(spreadsheet, a1);
      writeValues(
        sheet,
        box.startRow,
        box.startCol,
        [[value === null ? '' : value]],
        'USER_ENTERED',
      );
      recordWrite(state, spreadsheet);
    },
    insertRow(
      spreadsheetId: string,
      sheetTitle: string | undefined,
      rowNumber: number,
      values: CellValue[] = [],
    ): void {
      const { spreadsheet, sheet } = sheetOf(spreadsheetId, sheetTitle);
      batchUpdateSheets(spreadsheet, [
        {
          insertDimension: {
            range: {
              sheetId: sheet.sheetId,
              dimension: 'ROWS',
              startIndex: rowNumber - 1,
              endIndex: rowNumber,
            },
          },
        },
      ]);
      const after = sheetOf(spreadsheetId, sheet.title).sheet;
      if (values.length > 0) writeValues(after, rowNumber - 1, 0, [values], 'USER_ENTERED');
      recordWrite(state, spreadsheet);
    },
    deleteRow(spreadsheetId: string, sheetTitle: string | undefined, rowNumber: number): void {
      const { spreadsheet, sheet } = sheetOf(spreadsheetId, sheetTitle);
      batchUpdateSheets(spreadsheet, [
        {
          deleteDimension: {
            range: {
              sheetId: sheet.sheetId,
              dimension: 'ROWS',
              startIndex: rowNumber - 1,
              endIndex: rowNumber,
            },
          },
        },
      ]);
      recordWrite(state, spreadsheet);
    },
    /** Sorts the rows below the header rows by one column, as "Data → Sort range" does. */
    sort(
      spreadsheetId: string,
      sheetTitle: string | undefined,
      column: string | number,
      order: 'asc' | 'desc' = 'asc',
      headerRows = 1,
    ): void {
      const { spreadsheet, sheet } = sheetOf(spreadsheetId, sheetTitle);
      batchUpdateSheets(spreadsheet, [
        {
          sortRange: {
            range: { sheetId: sheet.sheetId, startRowIndex: headerRows },
            sortSpecs: [
              {
                dimensionIndex: columnIndex(column),
                sortOrder: order === 'asc' ? 'ASCENDING' : 'DESCENDING',
              },
            ],
          },
        },
      ]);
      recordWrite(state, spreadsheet);
    },
    renameHeader(
      spreadsheetId: string,
      sheetTitle: string | undefined,
      from: string,
      to: string,
    ): void {
      const { spreadsheet, sheet } = sheetOf(spreadsheetId, sheetTitle);
      const header = sheet.rows[0]?.cells ?? [];
      const col = header.findIndex((c) => c?.value === from);
      if (col < 0) throw new Error(`No header "${from}" in ${sheet.title}.`);
      writeValues(sheet, 0, col, [[to]], 'RAW');
      recordWrite(state, spreadsheet);
    },
    renameSheet(spreadsheetId: string, from: string, to: string): void {
      const { spreadsheet, sheet } = sheetOf(spreadsheetId, from);
      sheet.title = to;
      recordWrite(state, spreadsheet);
    },
    /** Every non-empty row with its hidden identity. */
    truth(spreadsheetId: string, sheetTitle?: string): TruthRow[] {
      const { sheet } = sheetOf(spreadsheetId, sheetTitle);
      const out: TruthRow[] = [];
      sheet.rows.forEach((row, i) => {
        if (!row) return;
        const values =
          readBox(
            sheet,
            { startRow: i, endRow: i + 1, startCol: 0, endCol: sheet.columnCount },
            'UNFORMATTED_VALUE',
          )[0] ?? [];
        out.push({ row: i + 1, truthId: row.truthId, values });
      });
      return out;
    },
    createCalendar(seed: {
      summary: string;
      owner?: string;
      id?: string;
      timeZone?: string;
    }): string {
      const who = owner(seed.owner);
      const id = seed.id ?? `emu${state.calendars.size + 1}@group.calendar.google.com`;
      state.calendars.set(
        id,
        newCalendar(id, who, seed.summary, seed.timeZone ?? 'Europe/London', false),
      );
      return id;
    },
    /** An event made by a person in the Calendar UI. */
    addEvent(calendarId: string, event: calendar_v3.Schema$Event): string {
      const calendar = calendarFor(calendarId);
      const id = event.id ?? newEventId();
      const now = new Date(state.now()).toISOString();
      calendar.seq++;
      calendar.events.set(id, {
        event: {
          kind: 'calendar#event',
          status: 'confirmed',
          created: now,
          updated: now,
          ...event,
          id,
          etag: `"${calendar.seq}"`,
        },
        changeSeq: calendar.seq,
      });
      return id;
    },
    editEvent(calendarId: string, eventId: string, patch: calendar_v3.Schema$Event): void {
      const calendar = calendarFor(calendarId);
      const stored = calendar.events.get(eventId);
      if (!stored) throw new Error(`No event ${eventId} in ${calendarId}.`);
      calendar.seq++;
      // As Google does: every change gets a new etag and `updated`.
      stored.event = {
        ...stored.event,
        ...patch,
        updated: new Date(state.now()).toISOString(),
        etag: `"${calendar.seq}"`,
      };
      stored.changeSeq = calendar.seq;
    },
    cancelEvent(calendarId: string, eventId: string): void {
      control.editEvent(calendarId, eventId, { status: 'cancelled' });
    },
    /** Every sync token of the calendar (all when none given) answers 410 from now on. */
    expireSyncTokens(calendarId?: string): void {
      for (const c of state.calendars.values())
        if (calendarId === undefined || c.id === calendarId) c.tokenEpoch++;
    },
    /** Access tokens stop working (their refresh tokens still do). */
    expireAccessTokens(user?: string): void {
      for (const t of state.oauth.accessTokens.values())
        if (user === undefined || t.user === user) t.expiresAt = state.now();
    },
    /** As if the user removed the app's access in their Google account. */
    revokeAll(user?: string): void {
      for (const [value, t] of state.oauth.refreshTokens)
        if (user === undefined || t.user === user) revokeToken(state, value);
      for (const [value, t] of state.oauth.accessTokens)
        if (user === undefined || t.user === user) revokeToken(state, value);
    },
    setNextAccount(email: string): void {
      ensureAccount(email);
      state.oauth.nextAccount = email;
    },
    denyNextSignIn(): void {
      state.oauth.denyNext = true;
    },
    /** The next `count` refresh_token grants answer invalid_grant (-1: all of them). */
    failRefreshes(count: number): void {
      state.oauth.failRefreshes = count < 0 ? Infinity : count;
    },
    rotateRefreshTokens(on: boolean): void {
      state.oauth.rotateRefreshTokens = on;
    },
    grants: () => ({ ...state.oauth.grants }),
    /** The next `count` matching API calls fail with `status` (and Retry-After when given). */
    injectFaults(fault: Omit<Fault, 'remaining'> & { count: number }): void {
      const { count, ...rest } = fault;
      state.faults.push({ ...rest, remaining: count });
    },
    clearFaults(): void {
      state.faults.length = 0;
    },
    setDriveLag(ms: number): void {
      state.driveVersionLagMs = ms;
    },
    setQuota(limits: { readsPerMinute?: number; writesPerMinute?: number }): void {
      if (limits.readsPerMinute !== undefined) state.readsPerMinutePerUser = limits.readsPerMinute;
      if (limits.writesPerMinute !== undefined)
        state.writesPerMinutePerUser = limits.writesPerMinute;
    },
    requests(): RequestLogEntry[] {
      return state.log.map((e) => ({ ...e }));
    },
    clearRequests(): void {
      state.log.length = 0;
    },
  };

  function calendarFor(id: string): CalendarModel {
    const c = state.calendars.get(id);
    if (!c) throw new Error(`No calendar ${id} in the emulator.`);
    return c;
  }

  return control;
}

export type GoogleEmulatorControl = ReturnType<typeof createControl>;
export type ControlMethod = keyof GoogleEmulatorControl;

/** The same control API over HTTP (`POST /__emu/<method>` with the arguments as a JSON array). */
export function remoteControl(baseUrl: string): {
  [K in ControlMethod]: (
    ...args: Parameters<GoogleEmulatorControl[K]>
  ) => Promise<Awaited<ReturnType<GoogleEmulatorControl[K]>>>;
} {
  return new Proxy({} as never, {
    get:
      (_t, name: string) =>
      async (...args: unknown[]) => {
        const res = await fetch(new URL(`__emu/${name}`, baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`Emulator control ${name} failed (${res.status}): ${text}`);
        return text === '' ? undefined : JSON.parse(text);
      },
  });
}
