import type { sheets_v4 } from '@googleapis/sheets';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorClients } from './clients';
import { startGoogleEmulator, type GoogleEmulator } from './server';

let emu: GoogleEmulator;
let sheets: sheets_v4.Sheets;
let id: string;

beforeEach(async () => {
  emu = await startGoogleEmulator();
  sheets = emulatorClients(emu).sheets;
  id = emu.control.createSpreadsheet({
    title: 'Leads 2026',
    sheets: [
      {
        title: 'My Leads',
        rows: [
          ['email', 'name', 'score', 'notes'],
          ['ada@example.com', 'Ada', 3, ''],
          ['grace@example.com', 'Grace', 5, 'vip'],
        ],
      },
      { title: 'Other' },
    ],
  }).spreadsheetId;
});
afterEach(() => emu.close());

describe('Google emulator: Sheets v4 through the real client', () => {
  it('answers spreadsheets.get with only the fields asked for', async () => {
    const { data } = await sheets.spreadsheets.get({
      spreadsheetId: id,
      fields: 'sheets.properties(sheetId,title)',
    });
    expect(data).toEqual({
      sheets: [
        { properties: { sheetId: 0, title: 'My Leads' } },
        { properties: { sheetId: expect.any(Number), title: 'Other' } },
      ],
    });
  });

  it('reads a quoted sheet name with an open range, leaving out trailing empty cells and rows', async () => {
    const { data } = await sheets.spreadsheets.values.get({
      spreadsheetId: id,
      range: "'My Leads'!A1:Z",
    });
    expect(data.range).toBe("'My Leads'!A1:Z1000");
    expect(data.values).toEqual([
      ['email', 'name', 'score', 'notes'],
      ['ada@example.com', 'Ada', '3'],
      ['grace@example.com', 'Grace', '5', 'vip'],
    ]);
  });

  it('honours valueRenderOption and majorDimension', async () => {
    const unformatted = await sheets.spreadsheets.values.get({
      spreadsheetId: id,
      range: "'My Leads'!C2:C3",
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(unformatted.data.values).toEqual([[3], [5]]);
    const columns = await sheets.spreadsheets.values.get({
      spreadsheetId: id,
      range: "'My Leads'!A1:B2",
      majorDimension: 'COLUMNS',
    });
    expect(columns.data.values).toEqual([
      ['email', 'ada@example.com'],
      ['name', 'Ada'],
    ]);
  });

  it('omits values entirely for an empty range', async () => {
    const { data } = await sheets.spreadsheets.values.get({
      spreadsheetId: id,
      range: 'Other!A1:C10',
    });
    expect(data).toEqual({ range: 'Other!A1:C10', majorDimension: 'ROWS' });
  });

  it('appends after the table, parsing USER_ENTERED values but keeping RAW strings', async () => {
    const entered = await sheets.spreadsheets.values.append({
      spreadsheetId: id,
      range: "'My Leads'!A1",
      valueInputOption: 'USER_ENTERED',
      requestBody: { values: [['alan@example.com', 'Alan', '007', 'TRUE']] },
    });
    expect(entered.data.tableRange).toBe("'My Leads'!A1:D3");
    expect(entered.data.updates).toMatchObject({
      updatedRange: "'My Leads'!A4:D4",
      updatedRows: 1,
      updatedCells: 4,
    });
    await sheets.spreadsheets.values.append({
      spreadsheetId: id,
      range: "'My Leads'!A:D",
      valueInputOption: 'RAW',
      requestBody: { values: [['kat@example.com', 'Kat', '007']] },
    });
    const { data } = await sheets.spreadsheets.values.get({
      spreadsheetId: id,
      range: "'My Leads'!A4:D5",
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(data.values).toEqual([
      ['alan@example.com', 'Alan', 7, true],
      ['kat@example.com', 'Kat', '007'],
    ]);
  });

  it('requires valueInputOption on writes, as Google does', async () => {
    await expect(
      sheets.spreadsheets.values.update({
        spreadsheetId: id,
        range: 'Other!A1',
        requestBody: { values: [['x']] },
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('updates, batch-updates and batch-gets ranges', async () => {
    const updated = await sheets.spreadsheets.values.update({
      spreadsheetId: id,
      range: "'My Leads'!C2",
      valueInputOption: 'RAW',
      requestBody: { values: [[4]] },
    });
    expect(updated.data).toMatchObject({ updatedRange: "'My Leads'!C2", updatedCells: 1 });
    const batch = await sheets.spreadsheets.values.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        valueInputOption: 'RAW',
        data: [
          { range: 'Other!A1:B1', values: [['a', 'b']] },
          { range: "'My Leads'!D2", values: [['called']] },
        ],
      },
    });
    expect(batch.data.totalUpdatedCells).toBe(3);
    const got = await sheets.spreadsheets.values.batchGet({
      spreadsheetId: id,
      ranges: ['Other!A:B', "'My Leads'!C2:D2"],
    });
    expect(got.data.valueRanges?.map((v) => v.values)).toEqual([[['a', 'b']], [['4', 'called']]]);
  });

  it('refuses a write past a bounded range or the grid', async () => {
    await expect(
      sheets.spreadsheets.values.update({
        spreadsheetId: id,
        range: 'Other!A1:A1',
        valueInputOption: 'RAW',
        requestBody: { values: [['a', 'b']] },
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      sheets.spreadsheets.values.update({
        spreadsheetId: id,
        range: 'Other!A1001',
        valueInputOption: 'RAW',
        requestBody: { values: [['a']] },
      }),
    ).rejects.toThrow(/exceeds grid limits/);
  });

  it('adds sheets, inserts, deletes and sorts rows, and rows keep their hidden identity', async () => {
    const before = emu.control.truth(id, 'My Leads');
    const grace = before.find((r) => r.values[0] === 'grace@example.com')!.truthId;
    const { data } = await sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          { addSheet: { properties: { title: 'Archive' } } },
          {
            insertDimension: {
              range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 },
            },
          },
          {
            sortRange: {
              range: { sheetId: 0, startRowIndex: 1 },
              sortSpecs: [{ dimensionIndex: 2, sortOrder: 'DESCENDING' }],
            },
          },
        ],
      },
    });
    expect(data.replies?.[0]?.addSheet?.properties?.title).toBe('Archive');
    const after = emu.control.truth(id, 'My Leads');
    expect(after.map((r) => r.values[0])).toEqual([
      'email',
      'grace@example.com',
      'ada@example.com',
    ]);
    expect(after[1]!.truthId).toBe(grace);
    await sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          {
            deleteDimension: {
              range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 },
            },
          },
        ],
      },
    });
    expect(emu.control.truth(id, 'My Leads').map((r) => r.values[0])).toEqual([
      'email',
      'ada@example.com',
    ]);
  });

  it('applies a batchUpdate all or nothing', async () => {
    await expect(
      sheets.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            { addSheet: { properties: { title: 'New' } } },
            { addSheet: { properties: { title: 'Other' } } },
          ],
        },
      }),
    ).rejects.toThrow(/already exists/);
    const { data } = await sheets.spreadsheets.get({
      spreadsheetId: id,
      fields: 'sheets.properties.title',
    });
    expect(data.sheets?.map((s) => s.properties?.title)).toEqual(['My Leads', 'Other']);
  });

  it('answers 429 RESOURCE_EXHAUSTED past 60 reads a minute per account', async () => {
    for (let i = 0; i < 60; i++)
      await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Other!A1' });
    const failure = await sheets.spreadsheets.values
      .get({ spreadsheetId: id, range: 'Other!A1' })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 429 });
    const body = (failure as { response: { data: { error: { status: string } } } }).response.data;
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
  });

  it('injects N failures of a status with Retry-After, and the client does not retry by itself', async () => {
    emu.control.injectFaults({ status: 503, count: 2, retryAfterSec: 7, api: 'sheets' });
    for (let i = 0; i < 2; i++) {
      const failure = (await sheets.spreadsheets.values
        .get({ spreadsheetId: id, range: 'Other!A1' })
        .catch((e: unknown) => e)) as {
        status: number;
        response: { headers: Headers };
      };
      expect(failure.status).toBe(503);
      expect(failure.response.headers.get('retry-after')).toBe('7');
    }
    await expect(
      sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Other!A1' }),
    ).resolves.toBeTruthy();
    expect(emu.control.requests().filter((r) => r.api === 'sheets')).toHaveLength(3);
  });

  it('hides another account’s spreadsheet (404)', async () => {
    emu.control.addAccount('eve@example.com');
    const eve = emulatorClients(emu, emu.issueToken('eve@example.com')).sheets;
    await expect(eve.spreadsheets.get({ spreadsheetId: id })).rejects.toMatchObject({
      status: 404,
    });
  });
});
