import type { Event, PublicError, User } from '@microsoft/microsoft-graph-types';
import type { ServiceStub } from './contract';
import { CLIENT, tokenEndpoint } from './oauth-stub';
import { startStub, type StubReply, type StubRequest } from './server';

/**
 * Microsoft Graph events (https://learn.microsoft.com/graph/api/resources/event) and the
 * calendarView delta query (https://learn.microsoft.com/graph/api/event-delta,
 * https://learn.microsoft.com/graph/delta-query-events): a round opened with startDateTime and
 * endDateTime, pages by `@odata.nextLink` (`$skiptoken`), the last page's `@odata.deltaLink`
 * (`$deltatoken`) asked next for the changes since, removals as `{ id, "@removed": { reason } }`,
 * 410 `syncStateNotFound` for a token the service no longer keeps. Payloads typed with
 * @microsoft/microsoft-graph-types; errors `{ error: PublicError }`.
 */

/** A Graph collection page, as @odata annotations and `value`. */
interface GraphPage<T> {
  '@odata.context'?: string;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  value: T[];
}
type Removed = Pick<Event, 'id'> & { '@odata.type': string; '@removed': { reason: 'deleted' } };
type GraphError = { error: PublicError };

const graphError = (status: number, code: string, message: string): StubReply => ({
  status,
  body: { error: { code, message } } satisfies GraphError,
});

const PAGE = 2; // small pages, so @odata.nextLink is followed

/** What a $skiptoken / $deltatoken stands for: a window, a change number, a position. */
interface SyncToken {
  generation: number;
  start: string;
  end: string;
  /** Changes after this change number (0: the whole window, a full sync). */
  since: number;
  /** The change number the round reads up to. */
  upTo: number;
  offset: number;
}
const encode = (t: SyncToken) => Buffer.from(JSON.stringify(t)).toString('base64url');
const decode = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString()) as SyncToken;

export async function startOutlookStub(): Promise<
  ServiceStub & {
    events: Event[];
    /** A change at `at`; null leaves lastModifiedDateTime out of the event. */
    touch(id: string, at: string | null): void;
    remove(id: string): void;
    /** The service forgets every sync state it handed out (410 syncStateNotFound). */
    forgetSyncState(): void;
  }
> {
  const events: Event[] = [];
  /** Change number of each event's latest change, and of removals. */
  const changed = new Map<string, number>();
  const removed = new Set<string>();
  let changes = 0;
  let generation = 1;
  let url = '';
  const note = (id: string) => void changed.set(id, ++changes);
  const tokens = tokenEndpoint({ path: /^\/common\/oauth2\/v2\.0\/token$/, clientAuth: 'body' });
  const invalid = graphError(
    401,
    'InvalidAuthenticationToken',
    'Access token has expired or is not yet valid.',
  );
  const inWindow = (e: Event, t: SyncToken) =>
    String(e.start?.dateTime) < t.end.replace(/Z$/, '') &&
    String(e.end?.dateTime) > t.start.replace(/Z$/, '');

  function deltaPage(req: StubRequest): StubReply {
    if (!tokens.authorised(req)) return invalid;
    const skip = req.query.get('$skiptoken');
    const deltaToken = req.query.get('$deltatoken');
    let token: SyncToken;
    if (skip || deltaToken) {
      token = decode((skip ?? deltaToken)!);
      if (token.generation !== generation)
        return graphError(410, 'syncStateNotFound', 'The sync state generation is not found.');
      // A delta link opens the next round: the changes since the last one, up to now.
      if (deltaToken) token = { ...token, since: token.upTo, upTo: changes, offset: 0 };
    } else {
      const start = req.query.get('startDateTime');
      const end = req.query.get('endDateTime');
      if (!start || !end)
        return graphError(
          400,
          'ErrorInvalidParameter',
          'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
        );
      token = { generation, start, end, since: 0, upTo: changes, offset: 0 };
    }
    const rows: (Event | Removed)[] = [];
    const ids = [...changed.entries()]
      .filter(([, n]) => n > token.since && n <= token.upTo)
      .sort((a, b) => a[1] - b[1])
      .map(([id]) => id);
    for (const id of ids) {
      const event = events.find((e) => e.id === id);
      const gone = removed.has(id) || !event || !inWindow(event, token);
      if (gone && token.since > 0)
        rows.push({
          '@odata.type': '#microsoft.graph.event',
          id,
          '@removed': { reason: 'deleted' },
        });
      else if (!gone) rows.push(event);
    }
    const page = rows.slice(token.offset, token.offset + PAGE);
    const more = token.offset + PAGE < rows.length;
    const link = (name: string, t: SyncToken) =>
      `${url}/v1.0/me/calendarView/delta?${name}=${encode(t)}`;
    const body: GraphPage<Event | Removed> = {
      '@odata.context': `${url}/v1.0/$metadata#Collection(event)`,
      value: page,
      ...(more
        ? { '@odata.nextLink': link('$skiptoken', { ...token, offset: token.offset + PAGE }) }
        : { '@odata.deltaLink': link('$deltatoken', { ...token, offset: 0 }) }),
    };
    return { status: 200, body };
  }

  const stub = await startStub([
    tokens.route,
    {
      method: 'GET',
      path: /^\/v1\.0\/me$/,
      handle: (req) =>
        tokens.authorised(req)
          ? {
              status: 200,
              body: { displayName: 'Ada', mail: 'ada@contoso.example' } satisfies User,
            }
          : invalid,
    },
    {
      method: 'POST',
      path: /^\/v1\.0\/me\/events$/,
      handle: (req) => {
        if (!tokens.authorised(req)) return invalid;
        const b = req.json as Event;
        if (Date.parse(String(b.end?.dateTime)) <= Date.parse(String(b.start?.dateTime)))
          return graphError(
            400,
            'ErrorInvalidRequest',
            'The end time must be after the start time.',
          );
        // Created a minute apart (up to 59 in a test).
        const id = `AAMk-${events.length + 1}`;
        const event: Event = {
          ...b,
          id,
          lastModifiedDateTime: `2026-01-01T00:${String(events.length + 1).padStart(2, '0')}:00Z`,
          onlineMeeting: b.isOnlineMeeting
            ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}` }
            : null,
        };
        events.push(event);
        note(id);
        return { status: 201, body: event };
      },
    },
    { method: 'GET', path: /^\/v1\.0\/me\/calendarView\/delta$/, handle: deltaPage },
  ]);
  url = stub.url;
  const base = {
    ...CLIENT,
    baseUrl: `${stub.url}/v1.0`,
    tokenUrl: `${stub.url}/common/oauth2/v2.0/token`,
  };
  return {
    ...stub,
    events,
    touch: (id, at) => {
      const event = events.find((e) => e.id === id)!;
      if (at === null) delete event.lastModifiedDateTime;
      else event.lastModifiedDateTime = at;
      note(id);
    },
    remove: (id) => {
      removed.add(id);
      note(id);
    },
    forgetSyncState: () => void generation++,
    credentials: {
      ...base,
      accessToken: 'initial-access-token',
      refreshToken: 'good-refresh-token',
    },
    wrongCredentials: { ...base, accessToken: 'revoked' },
    tooManyRequests: graphError(
      429,
      'ApplicationThrottled',
      'Application is over its MailboxConcurrency limit.',
    ),
  };
}
