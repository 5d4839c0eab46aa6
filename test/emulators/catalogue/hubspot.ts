import type { ServiceStub } from './contract';
import { bearer, startStub, type StubReply } from './server';

/**
 * HubSpot CRM v3 contacts (https://developers.hubspot.com/docs/api/crm/contacts): objects
 * `{ id, properties, createdAt }`; search pages with `paging.next.after`; errors
 * `{ status: 'error', message, category, correlationId }`.
 */
export interface HubSpotContact {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}
const error = (status: number, category: string, message: string): StubReply => ({
  status,
  body: {
    status: 'error',
    message,
    correlationId: '00000000-0000-0000-0000-000000000000',
    category,
  },
});

export async function startHubSpotStub(): Promise<
  ServiceStub & { contacts: HubSpotContact[]; add(email: string, createdAt: string): void }
> {
  const token = 'pat-eu1-stub-token';
  const contacts: HubSpotContact[] = [];
  const add = (email: string, createdAt: string, properties: Record<string, string> = {}) => {
    const contact = {
      id: String(100 + contacts.length),
      properties: { email, createdate: createdAt, ...properties },
      createdAt,
      updatedAt: createdAt,
      archived: false,
    };
    contacts.push(contact);
    return contact;
  };
  const unauthorised = error(
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found.',
  );
  const validEmail = (e: unknown) =>
    typeof e === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e) && !e.endsWith('.invalid');
  const stub = await startStub([
    {
      method: 'GET',
      path: /^\/crm\/v3\/objects\/contacts$/,
      handle: (req) =>
        bearer(req) === token
          ? { status: 200, body: { results: contacts.slice(0, 1) } }
          : unauthorised,
    },
    {
      method: 'POST',
      path: /^\/crm\/v3\/objects\/contacts$/,
      handle: (req) => {
        if (bearer(req) !== token) return unauthorised;
        const props = (req.json as { properties: Record<string, string> }).properties;
        if (!validEmail(props.email))
          return error(
            400,
            'VALIDATION_ERROR',
            `Property values were not valid: [{"isValid":false,"message":"Email address ${props.email} is invalid","error":"INVALID_EMAIL","name":"email"}]`,
          );
        const existing = contacts.find((c) => c.properties.email === props.email);
        if (existing)
          return error(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
        return { status: 201, body: add(props.email!, new Date().toISOString(), props) };
      },
    },
    {
      method: 'POST',
      path: /^\/crm\/v3\/objects\/contacts\/search$/,
      handle: (req) => {
        if (bearer(req) !== token) return unauthorised;
        const body = req.json as {
          filterGroups: { filters: { propertyName: string; operator: string; value: string }[] }[];
          limit?: number;
          after?: string;
        };
        const f = body.filterGroups[0]!.filters[0]!;
        const matching = contacts.filter((c) =>
          f.operator === 'EQ'
            ? c.properties[f.propertyName] === f.value
            : (c.properties[f.propertyName] ?? '') >= f.value,
        );
        const start = Number(body.after ?? 0);
        const limit = Math.min(body.limit ?? 10, 2); // small pages, so paging is exercised
        const page = matching.slice(start, start + limit);
        const next =
          start + limit < matching.length
            ? { next: { after: String(start + limit), link: '' } }
            : undefined;
        return {
          status: 200,
          body: { total: matching.length, results: page, ...(next ? { paging: next } : {}) },
        };
      },
    },
  ]);
  return {
    ...stub,
    contacts,
    add: (email, createdAt) => void add(email, createdAt),
    credentials: { token, baseUrl: stub.url },
    wrongCredentials: { token: 'pat-revoked', baseUrl: stub.url },
    tooManyRequests: error(429, 'RATE_LIMITS', 'You have reached your secondly limit.'),
  };
}
