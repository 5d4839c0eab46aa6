import { createHash } from 'node:crypto';
import type {
  ActionSpec,
  ServiceDefinition,
  TriggerSpec,
} from '@shared/connectors/catalogue/format';
import { ConnectorError } from '@shared/connectors/errors';
import type { HttpRequest, HttpResponse } from '../../http/client';
import type { ConnectorContext } from '../types';
import type { RequestScope } from './request';

/** What an operation's escape-hatch function gets: the runtime's own pieces, nothing more. */
export interface CatalogueFnContext {
  ctx: ConnectorContext;
  service: ServiceDefinition;
  op: ActionSpec | TriggerSpec;
  input: Record<string, unknown>;
  scope: RequestScope;
  baseUrl: string;
  /** Sends through ctx.http with the service's error mapping. */
  send(req: HttpRequest): Promise<HttpResponse>;
}

/** An action's result, or a polling trigger's items (the runtime applies the cursor). */
export type CatalogueFn = (c: CatalogueFnContext) => Promise<unknown>;
/** Values computed from a connection's credentials, readable as `{{derived.…}}`. */
export type DeriveFn = (credentials: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** Computed inputs added before the request renders, readable as `{{input.…}}`. */
export type PrepareFn = (input: Readonly<Record<string, unknown>>) => Record<string, unknown>;

const FUNCTIONS = new Map<string, CatalogueFn>();
const DERIVERS = new Map<string, DeriveFn>();
const PREPARERS = new Map<string, PrepareFn>();

export function registerCatalogueFn(name: string, fn: CatalogueFn): void {
  FUNCTIONS.set(name, fn);
}
export function registerDeriveFn(name: string, fn: DeriveFn): void {
  DERIVERS.set(name, fn);
}

export function registerPrepareFn(name: string, fn: PrepareFn): void {
  PREPARERS.set(name, fn);
}
export function prepareFn(name: string): PrepareFn {
  const fn = PREPARERS.get(name);
  if (!fn)
    throw new ConnectorError('unexpected_response', `No catalogue prepare function ${name}.`);
  return fn;
}

export function catalogueFn(name: string): CatalogueFn {
  const fn = FUNCTIONS.get(name);
  if (!fn) throw new ConnectorError('unexpected_response', `No catalogue function named ${name}.`);
  return fn;
}
export function deriveFn(name: string): DeriveFn {
  const fn = DERIVERS.get(name);
  if (!fn) throw new ConnectorError('unexpected_response', `No catalogue derive function ${name}.`);
  return fn;
}

/** Mailchimp: the data centre is the API key's suffix (`…-us6`). */
registerDeriveFn('mailchimpDataCenter', (credentials) => {
  const key = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
  const dc = /-([a-z]+\d+)$/.exec(key)?.[1];
  return { dc: dc ?? 'us1' };
});

/** Mailchimp: a member's id is the MD5 of the lower-cased e-mail address. */
export const subscriberHash = (email: string) =>
  createHash('md5').update(email.trim().toLowerCase()).digest('hex');
registerPrepareFn('mailchimpSubscriberHash', (input) => ({
  subscriberHash: subscriberHash(typeof input.email === 'string' ? input.email : ''),
}));

/** Salesforce SOQL: a value inside '…' with quotes and backslashes escaped. */
registerPrepareFn('soqlEmail', (input) => ({
  emailSoql: String(input.email ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'"),
}));

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * AWS Cost Explorer GetCostAndUsage (JSON 1.1 over SigV4) for the last `days` complete UTC days:
 * one item per day, so the polling runtime fires each day once it is over.
 */
registerCatalogueFn('awsDailyCosts', async (c) => {
  const now = c.ctx.clock.now().getTime();
  const metric = typeof c.input.metric === 'string' ? c.input.metric : 'UnblendedCost';
  const days = typeof c.input.days === 'number' ? c.input.days : 14;
  const res = await c.send({
    method: 'POST',
    url: `${c.baseUrl.replace(/\/+$/, '')}/`,
    headers: {
      'x-amz-target': 'AWSInsightsIndexService.GetCostAndUsage',
      'content-type': 'application/x-amz-json-1.1',
    },
    json: {
      TimePeriod: { Start: isoDay(now - days * 86_400_000), End: isoDay(now) },
      Granularity: 'DAILY',
      Metrics: [metric],
    },
  });
  const results = (res.body as { ResultsByTime?: unknown[] }).ResultsByTime ?? [];
  return results.map((r) => {
    const row = r as {
      TimePeriod: { Start: string };
      Total?: Record<string, { Amount: string; Unit: string }>;
      Estimated?: boolean;
    };
    const total = row.Total?.[metric];
    return {
      day: row.TimePeriod.Start,
      metric,
      amount: total ? Number(total.Amount) : 0,
      unit: total?.Unit ?? 'USD',
      estimated: row.Estimated ?? false,
    };
  });
});
