import type { drive_v3 } from '@googleapis/drive';
import { badRequest, notFound } from './errors';
import { applyFields } from './fields';
import { DRIVE_READ_SCOPES, queryInt, type Route, type RouteContext } from './router';
import type { SpreadsheetModel } from './sheets-model';
import { SPREADSHEET_MIME } from './sheets-store';
import type { EmulatorState } from './state';

interface FileView {
  id: string;
  name: string;
  mimeType: string;
  owner: string;
  trashed: boolean;
  createdTime: number;
  modifiedTime: number;
  version: number;
}

/** Drive sees a Sheets write only after its lag, as the real Drive does (version and modifiedTime). */
function viewOfSpreadsheet(state: EmulatorState, s: SpreadsheetModel): FileView {
  const visible = s.writes.filter((t) => t + state.driveVersionLagMs <= state.now());
  return {
    id: s.spreadsheetId,
    name: s.title,
    mimeType: SPREADSHEET_MIME,
    owner: s.owner,
    trashed: s.trashed,
    createdTime: s.createdTime,
    modifiedTime: Math.max(s.createdTime, ...visible),
    version: 1 + visible.length,
  };
}

function allFiles(state: EmulatorState, user: string): FileView[] {
  const files: FileView[] = [...state.spreadsheets.values()].map((s) =>
    viewOfSpreadsheet(state, s),
  );
  for (const f of state.otherFiles.values()) files.push({ ...f, version: 1 });
  return files.filter((f) => f.owner === user);
}

function resource(f: FileView, user: string): drive_v3.Schema$File {
  return {
    kind: 'drive#file',
    id: f.id,
    name: f.name,
    mimeType: f.mimeType,
    trashed: f.trashed,
    createdTime: new Date(f.createdTime).toISOString(),
    modifiedTime: new Date(f.modifiedTime).toISOString(),
    version: String(f.version),
    owners: [
      {
        kind: 'drive#user',
        emailAddress: f.owner,
        displayName: f.owner.split('@')[0],
        me: f.owner === user,
      },
    ],
    webViewLink: `https://docs.google.com/spreadsheets/d/${f.id}/edit`,
  };
}

type Clause = (f: FileView) => boolean;

/** Drive's `q`: clauses on name, mimeType and trashed joined by `and` (what the product uses). */
export function parseDriveQuery(q: string): Clause {
  const clauses: Clause[] = [];
  const re =
    /\s*(name|mimeType|trashed)\s*(=|!=|contains)\s*('(?:[^'\\]|\\.)*'|true|false)\s*(?:and\s+|$)/iy;
  let at = 0;
  while (at < q.length) {
    re.lastIndex = at;
    const m = re.exec(q);
    if (!m)
      throw badRequest(
        `Invalid Value: q (the emulator understands name, mimeType and trashed joined by and): ${q}`,
      );
    at = re.lastIndex;
    const [, field, op, raw] = m as unknown as [string, string, string, string];
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw === 'true';
    const get = (f: FileView) =>
      field === 'name' ? f.name : field === 'mimeType' ? f.mimeType : f.trashed;
    if (op === 'contains') {
      if (field !== 'name') throw badRequest(`Invalid Value: contains is for name only: ${q}`);
      // Drive's `name contains` matches word prefixes, case-insensitively.
      const needle = String(value).toLowerCase();
      clauses.push(
        (f) =>
          f.name
            .toLowerCase()
            .split(/[\s._-]+/)
            .some((w) => w.startsWith(needle)) || f.name.toLowerCase().startsWith(needle),
      );
    } else if (op === '=') clauses.push((f) => get(f) === value);
    else clauses.push((f) => get(f) !== value);
  }
  return (f) => clauses.every((c) => c(f));
}

const DEFAULT_LIST_FIELDS = 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)';
const DEFAULT_FILE_FIELDS = 'kind,id,name,mimeType';

function orderFiles(files: FileView[], orderBy: string | null): FileView[] {
  const keys = (orderBy ?? 'name')
    .split(',')
    .map((k) => k.trim().split(/\s+/) as [string, string?]);
  return [...files].sort((a, b) => {
    for (const [key, dir] of keys) {
      const sign = dir === 'desc' ? -1 : 1;
      const va =
        key === 'modifiedTime'
          ? a.modifiedTime
          : key === 'createdTime'
            ? a.createdTime
            : a.name.toLowerCase();
      const vb =
        key === 'modifiedTime'
          ? b.modifiedTime
          : key === 'createdTime'
            ? b.createdTime
            : b.name.toLowerCase();
      if (va < vb) return -sign;
      if (va > vb) return sign;
    }
    return a.id < b.id ? -1 : 1;
  });
}

function listFiles(ctx: RouteContext) {
  const params = ctx.url.searchParams;
  const q = params.get('q');
  const match = q ? parseDriveQuery(q) : (f: FileView) => !f.trashed;
  const files = orderFiles(allFiles(ctx.state, ctx.user).filter(match), params.get('orderBy'));
  const pageSize = queryInt(ctx.url, 'pageSize', 100, 1000);
  const token = params.get('pageToken');
  const offset = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('Invalid Value: pageToken');
  const page = files.slice(offset, offset + pageSize);
  const list: drive_v3.Schema$FileList = {
    kind: 'drive#fileList',
    incompleteSearch: false,
    files: page.map((f) => ({ kind: 'drive#file', ...resource(f, ctx.user) })),
  };
  if (offset + pageSize < files.length) {
    list.nextPageToken = Buffer.from(String(offset + pageSize)).toString('base64url');
  }
  return { body: applyFields(list, params.get('fields') ?? DEFAULT_LIST_FIELDS) };
}

/** One file by id, looked up directly (building every file's view made each get O(files)). */
function fileById(state: EmulatorState, user: string, id: string): FileView | undefined {
  const spreadsheet = state.spreadsheets.get(id);
  const other = state.otherFiles.get(id);
  const file = spreadsheet
    ? viewOfSpreadsheet(state, spreadsheet)
    : other && { ...other, version: 1 };
  return file && file.owner === user ? file : undefined;
}

function getFile(ctx: RouteContext) {
  const id = ctx.params[0]!;
  const file = fileById(ctx.state, ctx.user, id);
  if (!file) throw notFound(`File not found: ${id}.`);
  return {
    body: applyFields(
      resource(file, ctx.user),
      ctx.url.searchParams.get('fields') ?? DEFAULT_FILE_FIELDS,
    ),
  };
}

export const driveRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: /^\/drive\/v3\/files$/,
    api: 'drive',
    bearer: true,
    scopes: DRIVE_READ_SCOPES,
    handle: listFiles,
  },
  {
    method: 'GET',
    path: /^\/drive\/v3\/files\/([^/]+)$/,
    api: 'drive',
    bearer: true,
    scopes: DRIVE_READ_SCOPES,
    handle: getFile,
  },
];
