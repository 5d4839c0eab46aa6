import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorClients } from './clients';
import { startGoogleEmulator, type GoogleEmulator } from './server';

let emu: GoogleEmulator;
let now = Date.parse('2026-03-02T09:00:00Z');
beforeEach(async () => {
  now = Date.parse('2026-03-02T09:00:00Z');
  emu = await startGoogleEmulator({ now: () => now, driveVersionLagMs: 3000 });
});
afterEach(() => emu.close());

const SHEET = "mimeType = 'application/vnd.google-apps.spreadsheet' and trashed = false";

describe('Google emulator: Drive v3', () => {
  it('lists spreadsheets by q, pages them and honours fields', async () => {
    for (const title of ['Leads', 'Orders', 'Leads archive'])
      emu.control.createSpreadsheet({ title });
    emu.control.addDriveFile({
      name: 'Leads notes',
      mimeType: 'application/vnd.google-apps.document',
    });
    const { drive } = emulatorClients(emu);
    const first = await drive.files.list({
      q: `${SHEET} and name contains 'leads'`,
      pageSize: 1,
      fields: 'nextPageToken,files(id,name)',
    });
    expect(first.data.files).toEqual([{ id: expect.any(String), name: 'Leads' }]);
    const second = await drive.files.list({
      q: `${SHEET} and name contains 'leads'`,
      pageSize: 1,
      pageToken: first.data.nextPageToken!,
      fields: 'nextPageToken,files(id,name)',
    });
    expect(second.data.files?.map((f) => f.name)).toEqual(['Leads archive']);
    expect(second.data.nextPageToken).toBeUndefined();
  });

  it('bumps the version of a spreadsheet only after the lag, as the real Drive does', async () => {
    const { spreadsheetId } = emu.control.createSpreadsheet({
      title: 'Leads',
      sheets: [{ title: 'S', rows: [['email']] }],
    });
    const { drive } = emulatorClients(emu);
    const version = async () =>
      (await drive.files.get({ fileId: spreadsheetId, fields: 'version,modifiedTime' })).data;
    const before = await version();
    emu.control.appendRow(spreadsheetId, 'S', ['ada@example.com']);
    now += 2999;
    expect((await version()).version).toBe(before.version);
    now += 1;
    const after = await version();
    expect(Number(after.version)).toBe(Number(before.version) + 1);
    expect(after.modifiedTime).toBe(new Date(now - 3000).toISOString());
  });
});

describe('Google emulator: Calendar v3', () => {
  const at = (h: number) => ({ dateTime: `2026-03-02T${String(h).padStart(2, '0')}:00:00Z` });

  it('lists calendars, inserts with a Meet link, patches and deletes events', async () => {
    const { calendar } = emulatorClients(emu);
    const list = await calendar.calendarList.list();
    expect(list.data.items?.[0]).toMatchObject({ id: 'ada@example.com', primary: true });
    const created = await calendar.events.insert({
      calendarId: 'primary',
      conferenceDataVersion: 1,
      requestBody: {
        summary: 'Intro call',
        start: at(10),
        end: at(11),
        attendees: [{ email: 'lead@example.com' }],
        conferenceData: {
          createRequest: { requestId: 'req-1', conferenceSolutionKey: { type: 'hangoutsMeet' } },
        },
      },
    });
    expect(created.data.hangoutLink).toMatch(
      /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/,
    );
    expect(created.data.conferenceData?.entryPoints?.[0]?.uri).toBe(created.data.hangoutLink);
    const patched = await calendar.events.patch({
      calendarId: 'primary',
      eventId: created.data.id!,
      requestBody: { summary: 'Intro call (moved)', start: at(12), end: at(13) },
    });
    expect(patched.data).toMatchObject({ summary: 'Intro call (moved)', sequence: 1 });
    await calendar.events.delete({ calendarId: 'primary', eventId: created.data.id! });
    await expect(
      calendar.events.delete({ calendarId: 'primary', eventId: created.data.id! }),
    ).rejects.toMatchObject({ status: 410 });
  });

  it('refuses an event id that already exists (409), so a retried insert cannot duplicate', async () => {
    const { calendar } = emulatorClients(emu);
    const requestBody = { id: 'sv00000001abc', summary: 'x', start: at(10), end: at(11) };
    await calendar.events.insert({ calendarId: 'primary', requestBody });
    await expect(
      calendar.events.insert({ calendarId: 'primary', requestBody }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('syncs incrementally with syncToken, pages, reports cancellations, and answers 410 once tokens expire', async () => {
    const { calendar } = emulatorClients(emu);
    for (let i = 0; i < 3; i++)
      emu.control.addEvent('ada@example.com', {
        summary: `e${i}`,
        start: at(10 + i),
        end: at(11 + i),
      });
    const page1 = await calendar.events.list({ calendarId: 'primary', maxResults: 2 });
    expect(page1.data.items).toHaveLength(2);
    const page2 = await calendar.events.list({
      calendarId: 'primary',
      maxResults: 2,
      pageToken: page1.data.nextPageToken!,
    });
    expect(page2.data.items).toHaveLength(1);
    const syncToken = page2.data.nextSyncToken!;
    expect(syncToken).toBeTruthy();

    const none = await calendar.events.list({ calendarId: 'primary', syncToken });
    expect(none.data.items).toEqual([]);
    const e0 = page1.data.items![0]!.id!;
    emu.control.cancelEvent('ada@example.com', e0);
    emu.control.addEvent('ada@example.com', { summary: 'e3', start: at(15), end: at(16) });
    const changes = await calendar.events.list({ calendarId: 'primary', syncToken });
    expect(changes.data.items?.map((e) => [e.status, e.summary ?? null])).toEqual([
      ['cancelled', 'e0'],
      ['confirmed', 'e3'],
    ]);

    emu.control.expireSyncTokens();
    const gone = await calendar.events
      .list({ calendarId: 'primary', syncToken: changes.data.nextSyncToken! })
      .catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 410 });
  });

  it('answers freebusy with merged busy blocks, ignoring free and cancelled events', async () => {
    const { calendar } = emulatorClients(emu);
    emu.control.addEvent('ada@example.com', { summary: 'a', start: at(9), end: at(10) });
    emu.control.addEvent('ada@example.com', {
      summary: 'b',
      start: at(9),
      end: { dateTime: '2026-03-02T10:30:00Z' },
    });
    emu.control.addEvent('ada@example.com', {
      summary: 'free',
      start: at(12),
      end: at(13),
      transparency: 'transparent',
    });
    const { data } = await calendar.freebusy.query({
      requestBody: {
        timeMin: '2026-03-02T08:00:00Z',
        timeMax: '2026-03-02T18:00:00Z',
        items: [{ id: 'ada@example.com' }],
      },
    });
    expect(data.calendars?.['ada@example.com']?.busy).toEqual([
      { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:30:00.000Z' },
    ]);
  });
});

describe('Google emulator: control API over HTTP', () => {
  it('runs control methods posted to /__emu/<method>', async () => {
    const res = await fetch(`${emu.url}__emu/createSpreadsheet`, {
      method: 'POST',
      body: JSON.stringify([{ title: 'Remote', sheets: [{ title: 'S', rows: [['a'], ['b']] }] }]),
    });
    const { spreadsheetId } = (await res.json()) as { spreadsheetId: string };
    const truth = await (
      await fetch(`${emu.url}__emu/truth`, {
        method: 'POST',
        body: JSON.stringify([spreadsheetId, 'S']),
      })
    ).json();
    expect(truth).toMatchObject([
      { row: 1, values: ['a'] },
      { row: 2, values: ['b'] },
    ]);
    const missing = await fetch(`${emu.url}__emu/nope`, { method: 'POST' });
    expect(missing.status).toBe(404);
  });
});
