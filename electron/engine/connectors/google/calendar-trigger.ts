import { ConnectorError } from '@shared/connectors/errors';
import { CalendarEventTriggerConfig } from '@shared/connectors/google';
import { z } from 'zod';
import type { LedgerEntry, PollingTriggerImpl, TriggerItem } from '../types';
import { call, googleApis, type GoogleApis } from './fetch';

/** What the trigger remembers of each event: enough to tell created, updated and cancelled apart. */
export interface CalendarTriggerState {
  syncToken: string;
  /** event id → [etag, cancelled] */
  known: Record<string, [string, boolean]>;
}

const EventTime = z.object({ dateTime: z.string().optional(), date: z.string().optional() });
const Event = z.looseObject({
  id: z.string(),
  status: z.string().optional(),
  etag: z.string().optional(),
  updated: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  location: z.string().optional(),
  htmlLink: z.string().optional(),
  hangoutLink: z.string().optional(),
  start: EventTime.optional(),
  end: EventTime.optional(),
  attendees: z.array(z.looseObject({ email: z.string().optional() })).optional(),
  organizer: z.looseObject({ email: z.string().optional() }).optional(),
});
type Event = z.infer<typeof Event>;
const EventPage = z.object({
  items: z.array(Event).default([]),
  nextPageToken: z.string().optional(),
  nextSyncToken: z.string().optional(),
});

/** A calendar past this many pages of 2,500 events is refused rather than read without end. */
const MAX_PAGES = 200;

/** Key under which calendar.create_event records the events Switchyard made. */
export const ownEventKey = (calendarId: string, eventId: string) =>
  `google-calendar:${calendarId}:${eventId}`;

/** Every page of one listing: a full one (optionally with cancelled events) or since a sync token. */
async function listAll(
  apis: GoogleApis,
  calendarId: string,
  from: { syncToken: string } | { showDeleted: boolean },
): Promise<{ events: Event[]; syncToken: string }> {
  const events: Event[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = EventPage.parse(
      await call(
        apis.calendar.events.list({
          calendarId,
          maxResults: 2500,
          singleEvents: false,
          ...('syncToken' in from
            ? { syncToken: from.syncToken }
            : { showDeleted: from.showDeleted }),
          ...(pageToken ? { pageToken } : {}),
        }),
      ),
    );
    events.push(...data.items);
    if (data.nextSyncToken) return { events, syncToken: data.nextSyncToken };
    if (!data.nextPageToken) break;
    pageToken = data.nextPageToken;
  }
  throw new ConnectorError(
    'unexpected_response',
    `Calendar ${calendarId} did not end its event listing with a sync token.`,
    { retryable: true },
  );
}

const timeOf = (t: z.infer<typeof EventTime> | undefined) => t?.dateTime ?? t?.date ?? null;
const versionOf = (e: Event) => e.etag ?? e.updated ?? '';

function itemOf(event: Event, change: string): TriggerItem {
  return {
    id: `${event.id}:${versionOf(event)}`,
    summary: `${change}: ${event.summary ?? event.id}`,
    data: {
      change,
      id: event.id,
      status: event.status ?? 'confirmed',
      summary: event.summary ?? '',
      description: event.description ?? '',
      location: event.location ?? '',
      start: timeOf(event.start),
      end: timeOf(event.end),
      attendees: (event.attendees ?? []).map((a) => a.email).filter(Boolean),
      organizer: event.organizer?.email ?? null,
      htmlLink: event.htmlLink ?? null,
      hangoutLink: event.hangoutLink ?? null,
      updated: event.updated ?? null,
    },
  };
}

/**
 * "Event created, updated or cancelled": incremental sync with Google's sync token. The first
 * poll is a baseline. On 410 (the token expired) it lists everything again and compares each
 * event with what it knew, so nothing already fired fires again and nothing changed is missed.
 */
export const calendarEventTrigger: PollingTriggerImpl<unknown, CalendarTriggerState> = {
  kind: 'polling',
  async poll(ctx, raw, state) {
    const config = CalendarEventTriggerConfig.parse(raw);
    const apis = await googleApis(ctx);
    if (!state) {
      const full = await listAll(apis, config.calendarId, { showDeleted: false });
      const known: CalendarTriggerState['known'] = {};
      for (const e of full.events) known[e.id] = [versionOf(e), e.status === 'cancelled'];
      return {
        items: [],
        state: { syncToken: full.syncToken, known },
        ledger: full.events.map((e) => ({
          itemId: `${e.id}:${versionOf(e)}`,
          outcome: 'baseline' as const,
          reason: `"${e.summary ?? e.id}" existed when the trigger started.`,
        })),
      };
    }
    let listing: { events: Event[]; syncToken: string };
    let resync = false;
    try {
      listing = await listAll(apis, config.calendarId, { syncToken: state.syncToken });
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.status !== 410) throw error;
      ctx.logger.info('calendar sync token expired; full resync', {
        calendarId: config.calendarId,
      });
      listing = await listAll(apis, config.calendarId, { showDeleted: true });
      resync = true;
    }
    const known = { ...state.known };
    const items: TriggerItem[] = [];
    const ledger: LedgerEntry[] = [];
    for (const event of listing.events) {
      const before = known[event.id];
      const cancelled = event.status === 'cancelled';
      const version = versionOf(event);
      known[event.id] = [version, cancelled];
      const itemId = `${event.id}:${version}`;
      const label = `"${event.summary ?? event.id}"`;
      let change: 'created' | 'updated' | 'cancelled';
      if (cancelled) {
        if (!before || before[1]) {
          if (!resync)
            ledger.push({ itemId, outcome: 'filtered', reason: `${label} was already cancelled.` });
          continue;
        }
        change = 'cancelled';
      } else if (!before || before[1]) change = 'created';
      else if (before[0] === version) {
        ledger.push({
          itemId,
          outcome: 'filtered',
          reason: `${label} is unchanged since it was last seen${resync ? ' (full resync)' : ''}.`,
        });
        continue;
      } else change = 'updated';
      if (ctx.ownWrites.has(ownEventKey(config.calendarId, event.id))) {
        ledger.push({ itemId, outcome: 'own_write', reason: `${label} was made by Switchyard.` });
        continue;
      }
      if (!config.changes.includes(change)) {
        ledger.push({ itemId, outcome: 'filtered', reason: `${label} was ${change}.` });
        continue;
      }
      items.push(itemOf(event, change));
    }
    return { items, state: { syncToken: listing.syncToken, known }, ledger };
  },
  async sample(ctx, raw) {
    const config = CalendarEventTriggerConfig.parse(raw);
    const apis = await googleApis(ctx);
    const full = await listAll(apis, config.calendarId, { showDeleted: false });
    const last = full.events.at(-1);
    return last ? itemOf(last, 'created') : null;
  },
};
