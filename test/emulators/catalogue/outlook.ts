import type { ServiceStub } from './contract';
import { CLIENT, tokenEndpoint } from './oauth-stub';
import { startStub, type StubReply } from './server';

/**
 * Microsoft Graph events (https://learn.microsoft.com/graph/api/resources/event, paging:
 * https://learn.microsoft.com/graph/paging): `{ value: [...], "@odata.nextLink" }`; errors
 * `{ error: { code, message } }`.
 */
export async function startOutlookStub(): Promise<
  ServiceStub & { events: Record<string, unknown>[]; touch(id: string, at: string): void }
> {
  const events: Record<string, unknown>[] = [];
  let url = '';
  const tokens = tokenEndpoint({ path: /^\/common\/oauth2\/v2\.0\/token$/, clientAuth: 'body' });
  const invalid: StubReply = {
    status: 401,
    body: {
      error: {
        code: 'InvalidAuthenticationToken',
        message: 'Access token has expired or is not yet valid.',
      },
    },
  };
  const stub = await startStub([
    tokens.route,
    {
      method: 'GET',
      path: /^\/v1\.0\/me$/,
      handle: (req) =>
        tokens.authorised(req)
          ? { status: 200, body: { displayName: 'Ada', mail: 'ada@contoso.example' } }
          : invalid,
    },
    {
      method: 'POST',
      path: /^\/v1\.0\/me\/events$/,
      handle: (req) => {
        if (!tokens.authorised(req)) return invalid;
        const b = req.json as {
          subject: string;
          start: { dateTime: string };
          end: { dateTime: string };
          isOnlineMeeting?: boolean;
        };
        if (Date.parse(b.end.dateTime) <= Date.parse(b.start.dateTime))
          return {
            status: 400,
            body: {
              error: {
                code: 'ErrorInvalidRequest',
                message: 'The end time must be after the start time.',
              },
            },
          };
        const id = `AAMk-${events.length + 1}`;
        const event = {
          id,
          ...b,
          lastModifiedDateTime: `2026-01-0${events.length + 1}T00:00:00Z`,
          onlineMeeting: b.isOnlineMeeting
            ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}` }
            : null,
        };
        events.push(event);
        return { status: 201, body: event };
      },
    },
    {
      method: 'GET',
      path: /^\/v1\.0\/me\/events$/,
      handle: (req) => {
        if (!tokens.authorised(req)) return invalid;
        const since =
          /lastModifiedDateTime ge (\S+)/.exec(req.query.get('$filter') ?? '')?.[1] ?? '';
        const all = events
          .filter((e) => String(e.lastModifiedDateTime) >= since)
          .sort((a, b) =>
            String(a.lastModifiedDateTime).localeCompare(String(b.lastModifiedDateTime)),
          );
        const skip = Number(req.query.get('$skip') ?? 0);
        const top = 2; // small pages, so @odata.nextLink is followed
        const page = all.slice(skip, skip + top);
        const next =
          skip + top < all.length
            ? `${url}/v1.0/me/events?${new URLSearchParams({ ...Object.fromEntries(req.query), $skip: String(skip + top) })}`
            : undefined;
        return {
          status: 200,
          body: {
            '@odata.context': 'x',
            value: page,
            ...(next ? { '@odata.nextLink': next } : {}),
          },
        };
      },
    },
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
    touch: (id, at) => void (events.find((e) => e.id === id)!.lastModifiedDateTime = at),
    credentials: {
      ...base,
      accessToken: 'initial-access-token',
      refreshToken: 'good-refresh-token',
    },
    wrongCredentials: { ...base, accessToken: 'revoked' },
    tooManyRequests: {
      status: 429,
      body: {
        error: {
          code: 'ApplicationThrottled',
          message: 'Application is over its MailboxConcurrency limit.',
        },
      },
    },
  };
}
