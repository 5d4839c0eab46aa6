import type { calendar_v3 } from '@googleapis/calendar';
import { z } from 'zod';
import {
  decodeToken,
  encodeToken,
  EVENT_ID,
  meetCode,
  newEventId,
  timeOf,
  type CalendarModel,
  type StoredEvent,
  type SyncToken,
} from './calendar-model';
import { badRequest, GoogleApiError, notFound } from './errors';
import {
  CALENDAR_READ_SCOPES,
  CALENDAR_WRITE_SCOPES,
  queryInt,
  type Route,
  type RouteContext,
} from './router';
import type { EmulatorState } from './state';

export function calendarOf(state: EmulatorState, id: string, user: string): CalendarModel {
  const resolved =
    id === 'primary'
      ? [...state.calendars.values()].find((c) => c.owner === user && c.primary)
      : state.calendars.get(id);
  if (!resolved || resolved.owner !== user) throw notFound('Not Found');
  return resolved;
}

const etag = (seq: number) => `"${3_000_000_000_000 + seq}"`;

function listCalendars(ctx: RouteContext) {
  const items: calendar_v3.Schema$CalendarListEntry[] = [...ctx.state.calendars.values()]
    .filter((c) => c.owner === ctx.user)
    .map((c) => ({
      kind: 'calendar#calendarListEntry',
      etag: etag(c.seq),
      id: c.id,
      summary: c.summary,
      timeZone: c.timeZone,
      accessRole: 'owner',
      ...(c.primary ? { primary: true } : {}),
    }));
  const body: calendar_v3.Schema$CalendarList = {
    kind: 'calendar#calendarList',
    etag: etag(items.length),
    items,
  };
  return { body };
}

interface PageToken {
  offset: number;
  /** The sync token the listing started from (undefined for a full listing). */
  since?: number;
  snapshot: number;
  epoch: number;
}

function listEvents(ctx: RouteContext) {
  const calendar = calendarOf(ctx.state, ctx.params[0]!, ctx.user);
  const p = ctx.url.searchParams;
  const maxResults = queryInt(ctx.url, 'maxResults', 250, 2500);
  const syncText = p.get('syncToken');
  const pageText = p.get('pageToken');
  let since: number | undefined;
  let offset = 0;
  let snapshot = calendar.seq;
  if (pageText !== null) {
    const page = decodeToken<PageToken>(pageText);
    if (!page || typeof page.offset !== 'number') throw badRequest('Invalid pageToken.');
    ({ offset, since, snapshot } = page);
    if (since !== undefined && page.epoch !== calendar.tokenEpoch) throw syncGone();
  } else if (syncText !== null) {
    for (const name of ['timeMin', 'timeMax', 'q', 'orderBy', 'updatedMin', 'iCalUID']) {
      if (p.has(name)) throw badRequest(`Sync token cannot be used with ${name}.`);
    }
    const token = decodeToken<SyncToken>(syncText);
    if (!token || token.calendarId !== calendar.id) throw badRequest('Invalid sync token value.');
    if (token.epoch !== calendar.tokenEpoch) throw syncGone();
    since = token.seq;
  }
  let events = [...calendar.events.values()];
  if (since !== undefined) {
    const from = since;
    // An incremental listing includes cancelled events, so the caller learns of deletions.
    events = events.filter((e) => e.changeSeq > from && e.changeSeq <= snapshot);
  } else {
    const showDeleted = p.get('showDeleted') === 'true';
    const timeMin = p.has('timeMin') ? Date.parse(p.get('timeMin')!) : -Infinity;
    const timeMax = p.has('timeMax') ? Date.parse(p.get('timeMax')!) : Infinity;
    if (Number.isNaN(timeMin) || Number.isNaN(timeMax))
      throw badRequest('Bad Request: timeMin/timeMax must be RFC3339 timestamps.');
    events = events.filter(
      (e) =>
        (showDeleted || e.event.status !== 'cancelled') &&
        timeOf(e.event.end) > timeMin &&
        timeOf(e.event.start) < timeMax,
    );
  }
  events.sort((a, b) =>
    p.get('orderBy') === 'startTime'
      ? timeOf(a.event.start) - timeOf(b.event.start)
      : a.changeSeq - b.changeSeq,
  );
  const page = events.slice(offset, offset + maxResults);
  const body: calendar_v3.Schema$Events = {
    kind: 'calendar#events',
    etag: etag(snapshot),
    summary: calendar.summary,
    timeZone: calendar.timeZone,
    accessRole: 'owner',
    updated: new Date(ctx.state.now()).toISOString(),
    items: page.map((e) => e.event),
  };
  if (offset + maxResults < events.length) {
    body.nextPageToken = encodeToken({
      offset: offset + maxResults,
      since,
      snapshot,
      epoch: calendar.tokenEpoch,
    } satisfies PageToken);
  } else {
    body.nextSyncToken = encodeToken({
      calendarId: calendar.id,
      seq: snapshot,
      epoch: calendar.tokenEpoch,
    } satisfies SyncToken);
  }
  return { body };
}

const syncGone = () =>
  new GoogleApiError(
    410,
    'Sync token is no longer valid, a full sync is required.',
    'fullSyncRequired',
  );

const EventTime = z.object({
  dateTime: z.string().optional(),
  date: z.string().optional(),
  timeZone: z.string().optional(),
});
const EventBody = z.looseObject({
  id: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  location: z.string().optional(),
  start: EventTime.optional(),
  end: EventTime.optional(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']).optional(),
  transparency: z.enum(['opaque', 'transparent']).optional(),
  attendees: z
    .array(
      z.looseObject({
        email: z.string(),
        displayName: z.string().optional(),
        optional: z.boolean().optional(),
        responseStatus: z.string().optional(),
      }),
    )
    .optional(),
  conferenceData: z
    .looseObject({
      createRequest: z
        .object({
          requestId: z.string(),
          conferenceSolutionKey: z.object({ type: z.string() }).optional(),
        })
        .optional(),
    })
    .optional(),
});

function checkTimes(event: calendar_v3.Schema$Event): void {
  if (!event.start || !event.end) throw badRequest('Missing end time.');
  const start = timeOf(event.start);
  const end = timeOf(event.end);
  if (Number.isNaN(start) || Number.isNaN(end)) throw badRequest('Invalid start or end time.');
  if (end < start) throw badRequest('The specified time range is empty.');
}

/** What conferenceData.createRequest becomes when the caller sent conferenceDataVersion=1. */
function withConference(
  ctx: RouteContext,
  event: calendar_v3.Schema$Event,
  request: z.infer<typeof EventBody>['conferenceData'],
): void {
  if (!request?.createRequest || ctx.url.searchParams.get('conferenceDataVersion') !== '1') return;
  const type = request.createRequest.conferenceSolutionKey?.type ?? 'hangoutsMeet';
  if (type !== 'hangoutsMeet') throw badRequest(`Invalid conference type value: ${type}`);
  const code = meetCode();
  event.hangoutLink = `https://meet.google.com/${code}`;
  event.conferenceData = {
    createRequest: {
      requestId: request.createRequest.requestId,
      conferenceSolutionKey: { type },
      status: { statusCode: 'success' },
    },
    entryPoints: [
      { entryPointType: 'video', uri: event.hangoutLink, label: `meet.google.com/${code}` },
    ],
    conferenceSolution: {
      key: { type },
      name: 'Google Meet',
      iconUri:
        'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
    },
    conferenceId: code,
  };
}

function touch(ctx: RouteContext, calendar: CalendarModel, stored: StoredEvent): void {
  calendar.seq++;
  stored.changeSeq = calendar.seq;
  stored.event.updated = new Date(ctx.state.now()).toISOString();
  stored.event.etag = etag(calendar.seq);
}

function parseEvent(ctx: RouteContext) {
  const parsed = EventBody.safeParse(ctx.body);
  if (!parsed.success) throw badRequest(`Invalid event: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function insertEvent(ctx: RouteContext) {
  const calendar = calendarOf(ctx.state, ctx.params[0]!, ctx.user);
  const body = parseEvent(ctx);
  if (body.id !== undefined && !EVENT_ID.test(body.id))
    throw badRequest('Invalid resource id value.');
  const id = body.id ?? newEventId();
  if (calendar.events.has(id))
    throw new GoogleApiError(409, 'The requested identifier already exists.', 'duplicate');
  const now = new Date(ctx.state.now()).toISOString();
  const { conferenceData, ...rest } = body;
  const event: calendar_v3.Schema$Event = {
    ...(rest as calendar_v3.Schema$Event),
    kind: 'calendar#event',
    id,
    status: body.status ?? 'confirmed',
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendar.id}`).toString('base64url')}`,
    created: now,
    creator: { email: ctx.user, self: true },
    organizer: { email: calendar.id, self: true },
    iCalUID: `${id}@google.com`,
    sequence: 0,
    reminders: { useDefault: true },
    eventType: 'default',
  };
  checkTimes(event);
  withConference(ctx, event, conferenceData);
  const stored: StoredEvent = { event, changeSeq: 0 };
  calendar.events.set(id, stored);
  touch(ctx, calendar, stored);
  return { body: event };
}

function storedEvent(calendar: CalendarModel, id: string): StoredEvent {
  const stored = calendar.events.get(id);
  if (!stored) throw notFound('Not Found');
  return stored;
}

function getEvent(ctx: RouteContext) {
  const calendar = calendarOf(ctx.state, ctx.params[0]!, ctx.user);
  return { body: storedEvent(calendar, ctx.params[1]!).event };
}

function patchEvent(ctx: RouteContext) {
  const calendar = calendarOf(ctx.state, ctx.params[0]!, ctx.user);
  const stored = storedEvent(calendar, ctx.params[1]!);
  const { conferenceData, id: _id, ...patch } = parseEvent(ctx);
  const next: calendar_v3.Schema$Event = {
    ...stored.event,
    ...(patch as calendar_v3.Schema$Event),
  };
  checkTimes(next);
  next.sequence = (stored.event.sequence ?? 0) + 1;
  withConference(ctx, next, conferenceData);
  stored.event = next;
  touch(ctx, calendar, stored);
  return { body: next };
}

function deleteEvent(ctx: RouteContext) {
  const calendar = calendarOf(ctx.state, ctx.params[0]!, ctx.user);
  const stored = storedEvent(calendar, ctx.params[1]!);
  if (stored.event.status === 'cancelled')
    throw new GoogleApiError(410, 'Resource has been deleted', 'deleted');
  // Calendar keeps a deleted event as cancelled, so incremental syncs report the deletion.
  stored.event = {
    kind: 'calendar#event',
    id: stored.event.id,
    status: 'cancelled',
    start: stored.event.start,
    end: stored.event.end,
  };
  touch(ctx, calendar, stored);
  return { status: 204 };
}

const FreeBusyBody = z.object({
  timeMin: z.string(),
  timeMax: z.string(),
  timeZone: z.string().optional(),
  items: z.array(z.object({ id: z.string() })).min(1),
});

function freeBusy(ctx: RouteContext) {
  const parsed = FreeBusyBody.safeParse(ctx.body);
  if (!parsed.success)
    throw badRequest(`Invalid freeBusy request: ${z.prettifyError(parsed.error)}`);
  const { timeMin, timeMax, items } = parsed.data;
  const from = Date.parse(timeMin);
  const to = Date.parse(timeMax);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from)
    throw badRequest('Invalid timeMin or timeMax.');
  const calendars: Record<string, calendar_v3.Schema$FreeBusyCalendar> = {};
  for (const { id } of items) {
    let calendar: CalendarModel;
    try {
      calendar = calendarOf(ctx.state, id, ctx.user);
    } catch {
      calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
      continue;
    }
    const busy = [...calendar.events.values()]
      .map((s) => s.event)
      .filter((e) => e.status !== 'cancelled' && e.transparency !== 'transparent')
      .map((e) => ({ start: Math.max(from, timeOf(e.start)), end: Math.min(to, timeOf(e.end)) }))
      .filter((b) => b.end > b.start)
      .sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number }[] = [];
    for (const b of busy) {
      const last = merged[merged.length - 1];
      if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
      else merged.push({ ...b });
    }
    calendars[id] = {
      busy: merged.map((b) => ({
        start: new Date(b.start).toISOString(),
        end: new Date(b.end).toISOString(),
      })),
    };
  }
  const body: calendar_v3.Schema$FreeBusyResponse = {
    kind: 'calendar#freeBusy',
    timeMin,
    timeMax,
    calendars,
  };
  return { body };
}

const CAL = '([^/]+)';
export const calendarRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: /^\/calendar\/v3\/users\/me\/calendarList$/,
    api: 'calendar',
    bearer: true,
    scopes: CALENDAR_READ_SCOPES,
    handle: listCalendars,
  },
  {
    method: 'POST',
    path: /^\/calendar\/v3\/freeBusy$/,
    api: 'calendar',
    bearer: true,
    scopes: [...CALENDAR_READ_SCOPES, 'https://www.googleapis.com/auth/calendar.freebusy'],
    handle: freeBusy,
  },
  {
    method: 'GET',
    path: new RegExp(`^/calendar/v3/calendars/${CAL}/events$`),
    api: 'calendar',
    bearer: true,
    scopes: CALENDAR_READ_SCOPES,
    handle: listEvents,
  },
  {
    method: 'POST',
    path: new RegExp(`^/calendar/v3/calendars/${CAL}/events$`),
    api: 'calendar',
    bearer: true,
    scopes: CALENDAR_WRITE_SCOPES,
    handle: insertEvent,
  },
  {
    method: 'GET',
    path: new RegExp(`^/calendar/v3/calendars/${CAL}/events/${CAL}$`),
    api: 'calendar',
    bearer: true,
    scopes: CALENDAR_READ_SCOPES,
    handle: getEvent,
  },
  {
    method: 'PATCH',
    path: new RegExp(`^/calendar/v3/calendars/${CAL}/events/${CAL}$`),
    api: 'calendar',
    bearer: true,
    scopes: CALENDAR_WRITE_SCOPES,
    handle: patchEvent,
  },
  {
    method: 'DELETE',
    path: new RegExp(`^/calendar/v3/calendars/${CAL}/events/${CAL}$`),
    api: 'calendar',
    bearer: true,
    scopes: CALENDAR_WRITE_SCOPES,
    handle: deleteEvent,
  },
];
