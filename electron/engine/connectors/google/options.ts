import { z } from 'zod';
import type { OptionLoader } from '../types';
import { call, googleApis } from './fetch';
import { readTableById, sheetTitle } from './sheets-table';

const Files = z.object({
  files: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
});
const Sheets = z.object({
  sheets: z
    .array(z.object({ properties: z.object({ sheetId: z.number(), title: z.string() }) }))
    .default([]),
});
const Calendars = z.object({
  items: z
    .array(
      z.object({ id: z.string(), summary: z.string().optional(), primary: z.boolean().optional() }),
    )
    .default([]),
});

const escapeQ = (text: string) => text.replaceAll('\\', '\\\\').replaceAll("'", "\\'");

/** Spreadsheets the account can see, newest first; `search` narrows by name. */
export const spreadsheetOptions: OptionLoader = async (ctx, config) => {
  const search = typeof config.search === 'string' ? config.search.trim() : '';
  let q = "mimeType = 'application/vnd.google-apps.spreadsheet' and trashed = false";
  if (search !== '') q += ` and name contains '${escapeQ(search)}'`;
  const data = Files.parse(
    await call(
      (await googleApis(ctx)).drive.files.list({
        q,
        pageSize: 100,
        orderBy: 'modifiedTime desc',
        fields: 'nextPageToken,files(id,name)',
      }),
    ),
  );
  return data.files.map((f) => ({ value: f.id, label: f.name }));
};

export const sheetOptions: OptionLoader = async (ctx, config) => {
  if (typeof config.spreadsheetId !== 'string' || config.spreadsheetId === '') return [];
  const data = Sheets.parse(
    await call(
      (await googleApis(ctx)).sheets.spreadsheets.get({
        spreadsheetId: config.spreadsheetId,
        fields: 'sheets.properties(sheetId,title)',
      }),
    ),
  );
  return data.sheets.map((s) => ({
    value: String(s.properties.sheetId),
    label: s.properties.title,
  }));
};

/** Header names, each labelled with a sample value from the first data row. */
export const columnOptions: OptionLoader = async (ctx, config) => {
  if (
    typeof config.spreadsheetId !== 'string' ||
    config.sheetId === undefined ||
    config.sheetId === ''
  )
    return [];
  const apis = await googleApis(ctx);
  const sheetId = Number(config.sheetId);
  const headerRow = typeof config.headerRow === 'number' ? config.headerRow : 1;
  const title = await sheetTitle(apis, config.spreadsheetId, sheetId);
  const table = await readTableById(
    ctx,
    apis,
    { spreadsheetId: config.spreadsheetId, sheetId, headerRow },
    { knownTitle: title },
  );
  const first = table.rows[0] ?? [];
  return table.headers.flatMap((h, i) =>
    h === ''
      ? []
      : [
          {
            value: h,
            label:
              first[i] === undefined || first[i] === '' ? h : `${h} (e.g. ${String(first[i])})`,
          },
        ],
  );
};

export const calendarOptions: OptionLoader = async (ctx) => {
  const data = Calendars.parse(await call((await googleApis(ctx)).calendar.calendarList.list({})));
  return data.items.map((c) => ({
    value: c.primary ? 'primary' : c.id,
    label: c.primary ? `${c.summary ?? c.id} (primary)` : (c.summary ?? c.id),
  }));
};
