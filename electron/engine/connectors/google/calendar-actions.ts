import { createHash } from 'node:crypto';
import { ConnectorError } from '@shared/connectors/errors';
import { CalendarCreateEventConfig, CalendarFreeSlotsConfig } from '@shared/connectors/google';
import { z } from 'zod';
import type { ActionImpl } from '../types';
import { ownEventKey } from './calendar-trigger';
import { call, googleApis, type GoogleApis } from './fetch';

const Busy = z.object({
  calendars: z
    .record(
      z.string(),
      z.object({ busy: z.array(z.object({ start: z.string(), end: z.string() })).default([]) }),
    )
    .default({}),
});
const Event = z.looseObject({
  id: z.string(),
  htmlLink: z.string().optional(),
  hangoutLink: z.string().optional(),
  status: z.string().optional(),
});

async function busyBlocks(
  apis: GoogleApis,
  calendarIds: readonly string[],
  timeMin: string,
  timeMax: string,
) {
  const data = Busy.parse(
    await call(
      apis.calendar.freebusy.query({
        requestBody: { timeMin, timeMax, items: calendarIds.map((id) => ({ id })) },
      }),
    ),
  );
  return Object.values(data.calendars)
    .flatMap((c) => c.busy)
    .map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }))
    .sort((a, b) => a.start - b.start);
}

/** Calendar accepts ids in base32hex: derived from the idempotency key, a retry cannot duplicate. */
export function eventIdFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest();
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  let out = 'sv'; // base32hex: letters a–v only
  for (let i = 0; i < 24; i++) out += alphabet[digest[i]! % 32];
  return out;
}

export const createEvent: ActionImpl<unknown> = {
  async run(ctx, raw) {
    const config = CalendarCreateEventConfig.parse(raw);
    const apis = await googleApis(ctx);
    const start = new Date(config.start);
    const end = new Date(config.end);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
      throw new ConnectorError(
        'invalid_input',
        `The event needs a start before its end (got "${config.start}" to "${config.end}").`,
        { retryable: false },
      );
    }
    let conflicts: { start: string; end: string }[] = [];
    if (config.whenBusy !== 'create') {
      const busy = await busyBlocks(
        apis,
        [config.calendarId],
        start.toISOString(),
        end.toISOString(),
      );
      conflicts = busy.map((b) => ({
        start: new Date(b.start).toISOString(),
        end: new Date(b.end).toISOString(),
      }));
      if (conflicts.length > 0 && config.whenBusy === 'refuse') {
        throw new ConnectorError(
          'conflict',
          `The calendar is busy between ${conflicts[0]!.start} and ${conflicts[0]!.end}; the event was not created.`,
          { retryable: false, details: { conflicts } },
        );
      }
    }
    const id = eventIdFor(ctx.idempotencyKey);
    const requestBody = {
      id,
      summary: config.summary,
      description: config.description,
      start: { dateTime: start.toISOString(), timeZone: config.timeZone },
      end: { dateTime: end.toISOString(), timeZone: config.timeZone },
      attendees: config.attendees.map((email) => ({ email })),
      ...(config.meet
        ? {
            conferenceData: {
              createRequest: { requestId: id, conferenceSolutionKey: { type: 'hangoutsMeet' } },
            },
          }
        : {}),
    };
    try {
      const event = Event.parse(
        await call(
          apis.calendar.events.insert({
            calendarId: config.calendarId,
            conferenceDataVersion: config.meet ? 1 : 0,
            requestBody,
          }),
        ),
      );
      ctx.ownWrites.add(ownEventKey(config.calendarId, event.id));
      return { ...event, conflicts };
    } catch (error) {
      // 409: an earlier attempt of this very step created it; answer with that event.
      if (!(error instanceof ConnectorError) || error.status !== 409) throw error;
      const event = Event.parse(
        await call(apis.calendar.events.get({ calendarId: config.calendarId, eventId: id })),
      );
      return { ...event, conflicts, alreadyCreated: true };
    }
  },
};

export const findFreeSlots: ActionImpl<unknown> = {
  async run(ctx, raw) {
    const config = CalendarFreeSlotsConfig.parse(raw);
    const apis = await googleApis(ctx);
    const from = Date.parse(config.timeMin);
    const to = Date.parse(config.timeMax);
    if (Number.isNaN(from) || Number.isNaN(to) || to <= from) {
      throw new ConnectorError(
        'invalid_input',
        'The range needs a start before its end (ISO dates).',
        { retryable: false },
      );
    }
    const busy = await busyBlocks(
      apis,
      config.calendarIds,
      new Date(from).toISOString(),
      new Date(to).toISOString(),
    );
    const length = config.durationMinutes * 60_000;
    const slots: { start: string; end: string }[] = [];
    let cursor = from;
    for (const b of [...busy, { start: to, end: to }]) {
      if (b.start - cursor >= length)
        slots.push({ start: new Date(cursor).toISOString(), end: new Date(b.start).toISOString() });
      cursor = Math.max(cursor, b.end);
    }
    return { slots, first: slots[0] ?? null };
  },
};
