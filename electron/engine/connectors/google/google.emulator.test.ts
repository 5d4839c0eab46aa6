import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConnectorError } from '@shared/connectors/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../../test/emulators/google/server';
import { emulatorConnectorContext } from '../../../../test/emulators/google/connector-context';
import type { HttpExchange } from '../../http/client';
import type { ActionContext, ConnectorContext, TriggerItem } from '../types';
import { googleImpl } from './index';
import type { SheetsRowState } from './sheets-trigger';

let emu: GoogleEmulator;
let now: number;
let exchanges: HttpExchange[];
let google: ReturnType<typeof emulatorConnectorContext>;
let spreadsheetId: string;

beforeEach(async () => {
  now = Date.parse('2026-03-02T09:00:00Z');
  emu = await startGoogleEmulator({ now: () => now, driveVersionLagMs: 0 });
  google = emulatorConnectorContext(emu, { now: () => now });
  exchanges = google.exchanges;
  spreadsheetId = emu.control.createSpreadsheet({
    title: 'Leads',
    sheets: [
      {
        title: 'Inbound leads',
        rows: [
          ['email', 'name', 'company'],
          ['ada@example.com', 'Ada', 'Engines'],
          ['grace@example.com', 'Grace', 'Navy'],
        ],
      },
      { title: 'CRM' },
    ],
  }).spreadsheetId;
  emu.control.editCell(spreadsheetId, 'CRM!A1', 'email');
  emu.control.editCell(spreadsheetId, 'CRM!B1', 'full name');
});
afterEach(() => emu.close());

const context = (): ConnectorContext => google.ctx();
const actionContext = (idempotencyKey: string, attempt = 1): ActionContext =>
  google.action(idempotencyKey, attempt);

const trigger = (
  mode: 'sheets_new_row' | 'sheets_new_or_updated_row',
  extra: Record<string, unknown> = {},
) => {
  const impl = googleImpl.triggers[mode];
  if (impl?.kind !== 'polling') throw new Error('not a polling trigger');
  let state: SheetsRowState | null = null;
  const fired: TriggerItem[] = [];
  const config = { spreadsheetId, sheetId: 0, ...extra };
  return {
    fired,
    get state() {
      return state;
    },
    async poll() {
      const result = await impl.poll(context(), config, state);
      state = result.state as SheetsRowState;
      fired.push(...result.items);
      return result;
    },
  };
};

const emails = (items: TriggerItem[]) => items.map((i) => i.data.email);
const apiCalls = () => exchanges.filter((e) => !e.request.url.includes('/token')).length;
const sheetsReads = () =>
  exchanges.filter((e) => e.request.url.includes('/v4/spreadsheets')).length;

describe('Google Sheets trigger against the emulator', () => {
  it('takes the first poll as the baseline, then fires each appended row once', async () => {
    const t = trigger('sheets_new_row', { keyColumn: 'email' });
    expect((await t.poll()).items).toEqual([]);
    emu.control.appendRow(spreadsheetId, 'Inbound leads', [
      'alan@example.com',
      'Alan',
      'Bletchley',
    ]);
    const second = await t.poll();
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.data).toMatchObject({
      email: 'alan@example.com',
      name: 'Alan',
      company: 'Bletchley',
      _row: 4,
    });
    expect((await t.poll()).items).toEqual([]);
  });

  it('reads nothing from Sheets while Drive’s version is unchanged and the last read is fresh', async () => {
    const t = trigger('sheets_new_row');
    await t.poll();
    exchanges.length = 0;
    await t.poll();
    expect(apiCalls()).toBe(1);
    expect(sheetsReads()).toBe(0);
    now += 6 * 60_000; // past the 5-minute staleness window
    exchanges.length = 0;
    await t.poll();
    expect(apiCalls()).toBe(2);
    emu.control.appendRow(spreadsheetId, 'Inbound leads', ['kat@example.com', 'Kat', 'x']);
    exchanges.length = 0;
    expect((await t.poll()).items).toHaveLength(1);
    expect(apiCalls()).toBe(2);
  });

  it('misses nothing and repeats nothing through inserts in the middle, deletes, a sort and a header rename', async () => {
    for (const keyColumn of ['email', undefined]) {
      const t = trigger('sheets_new_row', keyColumn ? { keyColumn } : {});
      await t.poll();
      const before = new Set(
        emu.control.truth(spreadsheetId, 'Inbound leads').map((r) => r.truthId),
      );
      const tag = keyColumn ?? 'hash';
      emu.control.insertRow(spreadsheetId, 'Inbound leads', 2, [
        `mid-${tag}@example.com`,
        'Mid',
        'M',
      ]);
      await t.poll();
      emu.control.deleteRow(spreadsheetId, 'Inbound leads', 3);
      emu.control.appendRow(spreadsheetId, 'Inbound leads', [`end-${tag}@example.com`, 'End', 'E']);
      await t.poll();
      emu.control.sort(spreadsheetId, 'Inbound leads', 'A', 'desc');
      await t.poll();
      emu.control.renameHeader(spreadsheetId, 'Inbound leads', 'name', 'full name');
      emu.control.appendRow(spreadsheetId, 'Inbound leads', [
        `late-${tag}@example.com`,
        'Late',
        'L',
      ]);
      const last = await t.poll();
      expect(last.items[0]!.data).toMatchObject({ 'full name': 'Late' });
      const added = emu.control
        .truth(spreadsheetId, 'Inbound leads')
        .filter((r) => r.row > 1 && !before.has(r.truthId))
        .map((r) => r.values[0]);
      expect([...emails(t.fired)].sort()).toEqual([...added].sort());
      emu.control.renameHeader(spreadsheetId, 'Inbound leads', 'full name', 'name');
    }
  });

  it('without a key column, tells an edited row that an insert moved from a new row', async () => {
    const t = trigger('sheets_new_row');
    await t.poll();
    // Found by the diff fuzz: the edited row's old place is taken by the inserted one.
    emu.control.editCell(spreadsheetId, "'Inbound leads'!C2", 'Analytical Engines');
    emu.control.insertRow(spreadsheetId, 'Inbound leads', 2, ['mid@example.com', 'Mid', 'Co']);
    const result = await t.poll();
    expect(emails(result.items)).toEqual(['mid@example.com']);
    expect(result.ledger).toEqual([expect.objectContaining({ outcome: 'filtered' })]);
  });

  it('fires an edited row only in "new or updated" mode', async () => {
    const newOnly = trigger('sheets_new_row');
    const updated = trigger('sheets_new_or_updated_row', { keyColumn: 'email' });
    await newOnly.poll();
    await updated.poll();
    emu.control.editCell(spreadsheetId, "'Inbound leads'!C2", 'Analytical Engines');
    expect((await newOnly.poll()).items).toEqual([]);
    const result = await updated.poll();
    expect(result.items.map((i) => [i.data.email, i.data._change])).toEqual([
      ['ada@example.com', 'updated'],
    ]);
  });

  it('waits for required columns before firing a half-filled row', async () => {
    const t = trigger('sheets_new_row', { requiredColumns: ['email', 'company'] });
    await t.poll();
    emu.control.appendRow(spreadsheetId, 'Inbound leads', ['half@example.com', 'Half']);
    const waiting = await t.poll();
    expect(waiting.items).toEqual([]);
    expect(waiting.ledger[0]).toMatchObject({ outcome: 'not_settled' });
    emu.control.editCell(spreadsheetId, "'Inbound leads'!C4", 'Filled');
    expect(emails((await t.poll()).items)).toEqual(['half@example.com']);
  });

  it('pauses with a clear error when the key column is removed', async () => {
    const t = trigger('sheets_new_row', { keyColumn: 'company' });
    await t.poll();
    emu.control.editCell(spreadsheetId, "'Inbound leads'!C1", '');
    emu.control.editCell(spreadsheetId, "'Inbound leads'!D1", 'x');
    await expect(t.poll()).rejects.toMatchObject({
      code: 'invalid_input',
      retryable: false,
      message: expect.stringMatching(/key column "company" is no longer/),
    });
  });

  it('records rows Switchyard appended as own writes, and a retried append does not duplicate', async () => {
    const t = trigger('sheets_new_row', { keyColumn: 'email' });
    await t.poll();
    const append = googleImpl.actions['sheets_append_rows']!;
    const config = {
      spreadsheetId,
      sheetId: 0,
      keyColumn: 'email',
      rows: { email: 'own@example.com', name: 'Own' },
    };
    await append.run(actionContext('wf:item:append'), config as never);
    const again = (await append.run(actionContext('wf:item:append', 2), config as never)) as {
      appended: number;
      alreadyThere: number;
    };
    expect(again).toMatchObject({ appended: 0, alreadyThere: 1 });
    const result = await t.poll();
    expect(result.items).toEqual([]);
    expect(result.ledger.map((l) => l.outcome)).toEqual(['own_write']);
  });

  it('surfaces a 429 storm as retryable without moving the cursor, then catches up', async () => {
    const t = trigger('sheets_new_row');
    await t.poll();
    const before = t.state;
    emu.control.appendRow(spreadsheetId, 'Inbound leads', ['storm@example.com', 'S', 'x']);
    emu.control.injectFaults({ status: 429, count: 3, retryAfterSec: 2, api: 'sheets' });
    for (let i = 0; i < 3; i++) {
      const error = await t.poll().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 2000 });
    }
    expect(t.state).toBe(before);
    expect(emails((await t.poll()).items)).toEqual(['storm@example.com']);
  });

  it('reads Google’s 403 rate limits as rate_limited, its daily limit as a quota, other 403s as forbidden', async () => {
    const t = trigger('sheets_new_row');
    await t.poll();
    now += 6 * 60_000; // past the staleness window, so the poll reads Sheets too
    const failureWith = async (reason: string, api: 'drive' | 'sheets') => {
      emu.control.injectFaults({ status: 403, reason, count: 1, api });
      return t.poll().catch((e: unknown) => e);
    };
    expect(await failureWith('userRateLimitExceeded', 'drive')).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      status: 403,
      message: expect.stringContaining('User Rate Limit Exceeded'),
    });
    expect(await failureWith('rateLimitExceeded', 'sheets')).toMatchObject({
      code: 'rate_limited',
      retryable: true,
    });
    expect(await failureWith('dailyLimitExceeded', 'drive')).toMatchObject({
      code: 'quota_exceeded',
    });
    expect(await failureWith('forbidden', 'drive')).toMatchObject({
      code: 'forbidden',
      retryable: false,
    });
  });

  it('waits for Drive’s version lag, and a stale read catches what the version hid', async () => {
    emu.control.setDriveLag(10 * 60_000);
    const t = trigger('sheets_new_row');
    await t.poll();
    emu.control.appendRow(spreadsheetId, 'Inbound leads', ['lag@example.com', 'L', 'x']);
    expect((await t.poll()).items).toEqual([]);
    now += 5 * 60_000;
    expect(emails((await t.poll()).items)).toEqual(['lag@example.com']);
  });

  it('refreshes an expired token mid-run and goes on', async () => {
    const t = trigger('sheets_new_row');
    await t.poll();
    emu.control.expireAccessTokens();
    emu.control.appendRow(spreadsheetId, 'Inbound leads', ['after@example.com', 'A', 'x']);
    expect(emails((await t.poll()).items)).toEqual(['after@example.com']);
    expect(emu.control.grants().refresh_token).toBe(1);
  });

  it('turns invalid_grant into auth_expired (reconnect), not a retry', async () => {
    emu.control.expireAccessTokens();
    google.setTokens({ ...google.tokens(), expiresAt: now - 1 });
    emu.control.failRefreshes(-1);
    const error = await trigger('sheets_new_row')
      .poll()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'auth_expired', retryable: false });
  });
});

describe('Sheets append when Google applied it but the answer was lost', () => {
  type LostAnswer = 'dropped' | 'error 500' | 'too slow';
  const loseAnswer: Record<LostAnswer, (req: IncomingMessage, res: ServerResponse) => void> = {
    dropped: (req) => req.socket.destroy(),
    'error 500': (_req, res) =>
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 500, message: 'Internal error encountered.' } })),
    // Held past the client's timeout, then cut.
    'too slow': (req) => void setTimeout(() => req.socket.destroy(), 3_000).unref(),
  };

  it.each(Object.keys(loseAnswer) as LostAnswer[])(
    'appends the row once when the first answer is %s and the step is retried with its key',
    async (lost) => {
      let appendsAnswered = 0;
      let appendsLost = 0;
      const faulty = await startGoogleEmulator({
        now: () => now,
        driveVersionLagMs: 0,
        intercept: (req, res) => {
          if (req.method !== 'POST' || !req.url?.includes(':append')) return false;
          if (appendsLost > 0) {
            appendsAnswered++;
            return false;
          }
          appendsLost++;
          return { failAnswer: () => loseAnswer[lost](req, res) };
        },
      });
      try {
        const g = emulatorConnectorContext(faulty, { now: () => now, timeoutMs: 500 });
        const { spreadsheetId: id } = faulty.control.createSpreadsheet({
          title: 'CRM',
          sheets: [{ title: 'Contacts', rows: [['email', 'name']] }],
        });
        const append = googleImpl.actions['sheets_append_rows']!;
        const config = {
          spreadsheetId: id,
          sheetId: 0,
          keyColumn: 'email',
          rows: { email: 'a@x.org', name: 'A' },
        };
        const first = await append
          .run(g.action('wf:item:copy', 1), config as never)
          .catch((e: unknown) => e);
        expect(first).toBeInstanceOf(ConnectorError);
        expect(first).toMatchObject({ retryable: true });
        // Google did the work although the engine was told it failed.
        expect(
          faulty.control
            .truth(id, 'Contacts')
            .slice(1)
            .map((r) => r.values),
        ).toEqual([['a@x.org', 'A']]);

        const retried = await append.run(g.action('wf:item:copy', 2), config as never);
        expect(retried).toMatchObject({ appended: 0, alreadyThere: 1 });
        expect(
          faulty.control
            .truth(id, 'Contacts')
            .slice(1)
            .map((r) => r.values),
        ).toEqual([['a@x.org', 'A']]);
        expect({ appendsLost, appendsAnswered }).toEqual({ appendsLost: 1, appendsAnswered: 0 });
      } finally {
        await faulty.close();
      }
    },
  );
});

describe('Google Calendar actions against the emulator', () => {
  const config = {
    calendarId: 'primary',
    summary: 'Intro call',
    start: '2026-03-02T10:00:00Z',
    end: '2026-03-02T10:30:00Z',
    attendees: ['lead@example.com'],
    meet: true,
  };

  it('creates an event with a Meet link, and a retry of the same step returns the same event', async () => {
    const create = googleImpl.actions['calendar_create_event']!;
    const first = (await create.run(actionContext('wf:item:event'), config as never)) as {
      id: string;
      hangoutLink: string;
    };
    expect(first.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
    const retry = (await create.run(actionContext('wf:item:event', 2), config as never)) as {
      id: string;
      alreadyCreated?: boolean;
    };
    expect(retry).toMatchObject({ id: first.id, alreadyCreated: true });
  });

  it('refuses a busy slot when asked to, and finds the free slots around it', async () => {
    emu.control.addEvent('ada@example.com', {
      summary: 'busy',
      start: { dateTime: '2026-03-02T10:15:00Z' },
      end: { dateTime: '2026-03-02T11:00:00Z' },
    });
    const create = googleImpl.actions['calendar_create_event']!;
    await expect(
      create.run(actionContext('wf:item:busy'), { ...config, whenBusy: 'refuse' } as never),
    ).rejects.toMatchObject({ code: 'conflict' });
    const free = (await googleImpl.actions['calendar_find_free_slots']!.run(
      actionContext('wf:item:free'),
      {
        calendarIds: ['ada@example.com'],
        timeMin: '2026-03-02T09:00:00Z',
        timeMax: '2026-03-02T12:00:00Z',
        durationMinutes: 60,
      } as never,
    )) as { slots: { start: string; end: string }[] };
    expect(free.slots).toEqual([
      { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:15:00.000Z' },
      { start: '2026-03-02T11:00:00.000Z', end: '2026-03-02T12:00:00.000Z' },
    ]);
  });
});

describe('Google option sources against the emulator', () => {
  it('lists spreadsheets, tabs by id, columns with samples, and calendars', async () => {
    const ctx = context();
    const o = googleImpl.options!;
    expect(await o.spreadsheets!(ctx, {})).toEqual([{ value: spreadsheetId, label: 'Leads' }]);
    expect((await o.sheets!(ctx, { spreadsheetId })).map((s) => s.label)).toEqual([
      'Inbound leads',
      'CRM',
    ]);
    expect(await o.columns!(ctx, { spreadsheetId, sheetId: '0' })).toContainEqual({
      value: 'email',
      label: 'email (e.g. ada@example.com)',
    });
    expect(await o.calendars!(ctx, {})).toEqual([
      { value: 'primary', label: 'ada@example.com (primary)' },
    ]);
  });
});

describe('Google Calendar trigger against the emulator', () => {
  const at = (h: number) => ({ dateTime: `2026-03-0${3}T${String(h).padStart(2, '0')}:00:00Z` });
  const calendarTrigger = (changes?: string[]) => {
    const impl = googleImpl.triggers.calendar_event_changed;
    if (impl?.kind !== 'polling') throw new Error('not a polling trigger');
    let state: unknown = null;
    const config = { calendarId: 'primary', ...(changes ? { changes } : {}) };
    return {
      async poll() {
        const result = await impl.poll(context(), config, state);
        state = result.state;
        return result;
      },
    };
  };
  const changes = (items: TriggerItem[]) => items.map((i) => `${i.data.change} ${i.data.summary}`);
  const cal = 'ada@example.com';

  it('takes existing events as the baseline, then fires created, updated and cancelled once each', async () => {
    const old = emu.control.addEvent(cal, { summary: 'Old', start: at(9), end: at(10) });
    const t = calendarTrigger();
    const baseline = await t.poll();
    expect(baseline.items).toEqual([]);
    expect(baseline.ledger.map((l) => l.outcome)).toEqual(['baseline']);

    emu.control.addEvent(cal, { summary: 'New', start: at(11), end: at(12) });
    emu.control.editEvent(cal, old, { summary: 'Old, moved', start: at(13), end: at(14) });
    expect(changes((await t.poll()).items)).toEqual(['created New', 'updated Old, moved']);
    emu.control.cancelEvent(cal, old);
    const cancelled = await t.poll();
    expect(changes(cancelled.items)).toEqual(['cancelled Old, moved']);
    expect(cancelled.items[0]!.data).toMatchObject({ start: at(13).dateTime, status: 'cancelled' });
    expect((await t.poll()).items).toEqual([]);
  });

  it('on 410 (sync token expired) resyncs in full: fires what changed meanwhile, nothing twice', async () => {
    const kept = emu.control.addEvent(cal, { summary: 'Kept', start: at(9), end: at(10) });
    const doomed = emu.control.addEvent(cal, { summary: 'Doomed', start: at(10), end: at(11) });
    const t = calendarTrigger();
    await t.poll();
    emu.control.addEvent(cal, { summary: 'Seen once', start: at(12), end: at(13) });
    expect(changes((await t.poll()).items)).toEqual(['created Seen once']);

    emu.control.expireSyncTokens();
    emu.control.addEvent(cal, { summary: 'During outage', start: at(14), end: at(15) });
    emu.control.cancelEvent(cal, doomed);
    exchanges.length = 0;
    const resync = await t.poll();
    expect(exchanges.map((e) => e.response?.status)).toEqual([410, 200]);
    expect(changes(resync.items).sort()).toEqual(['cancelled Doomed', 'created During outage']);
    expect(resync.ledger.filter((l) => l.outcome === 'filtered')).toHaveLength(2); // Kept, Seen once
    emu.control.editEvent(cal, kept, { summary: 'Kept, renamed' });
    expect(changes((await t.poll()).items)).toEqual(['updated Kept, renamed']);
  });

  it('does not fire events Switchyard created, and fires only the chosen kinds of change', async () => {
    const t = calendarTrigger(['created']);
    await t.poll();
    await googleImpl.actions.calendar_create_event!.run(actionContext('wf:item:event'), {
      calendarId: 'primary',
      summary: 'Ours',
      start: at(9).dateTime,
      end: at(10).dateTime,
    } as never);
    const theirs = emu.control.addEvent(cal, { summary: 'Theirs', start: at(11), end: at(12) });
    const first = await t.poll();
    expect(changes(first.items)).toEqual(['created Theirs']);
    expect(first.ledger.map((l) => l.outcome)).toEqual(['own_write']);
    emu.control.editEvent(cal, theirs, { summary: 'Theirs, edited' });
    const second = await t.poll();
    expect(second.items).toEqual([]);
    expect(second.ledger).toEqual([expect.objectContaining({ outcome: 'filtered' })]);
  });
});
