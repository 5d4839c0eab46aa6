import {
  BASE_URL_FIELD,
  DEFAULT_COUNTRY_FIELD,
  REGION_FIELD,
  inputsOf,
} from '@shared/connectors/catalogue/build';
import type {
  ActionSpec,
  ErrorRule,
  ServiceDefinition,
  TriggerSpec,
} from '@shared/connectors/catalogue/format';
import { ConnectorError } from '@shared/connectors/errors';
import {
  PhoneE164Transform,
  applyTransform,
  renderTemplate,
  templateText,
} from '@shared/workflow/mapping';
import type { HttpRequest, HttpResponse } from '../../http/client';
import type { ConnectorContext } from '../types';
import { PAYLOAD_HASH_HEADER } from './auth-headers';
import { classifierOf } from './errors';
import { EMPTY_BODY_SHA256, sha256Hex } from './sigv4';
import { catalogueFn, deriveFn, prepareFn, type CatalogueFnContext } from './functions';
import { valueAt } from './paths';
import { renderRequest, type RequestScope } from './request';

/** A service's connection as requests see it: credentials, region values, derived values, base URL. */
export interface ServiceConnection {
  scope: RequestScope;
  baseUrl: string;
}

export function serviceConnection(
  service: ServiceDefinition,
  credentials: Readonly<Record<string, unknown>>,
): ServiceConnection {
  const regionValue = credentials[REGION_FIELD];
  const region =
    service.regions?.find((r) => r.value === regionValue)?.values ??
    service.regions?.[0]?.values ??
    {};
  const derived = service.derive ? deriveFn(service.derive)(credentials) : {};
  const scope: RequestScope = { input: {}, credentials, region, derived };
  const override = credentials[BASE_URL_FIELD];
  const baseUrl =
    typeof override === 'string' && override !== ''
      ? override
      : templateText(renderTemplate(service.baseUrl, scope));
  return { scope, baseUrl };
}

function connectionOf(service: ServiceDefinition, ctx: ConnectorContext): ServiceConnection {
  return serviceConnection(service, ctx.connection?.credentials ?? {});
}

/** Phone numbers to E.164 (with or without the +, as the service wants), before any template. */
export function normaliseInput(
  op: ActionSpec | TriggerSpec,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const input = { ...config };
  const inputs = inputsOf(op);
  const country =
    typeof input[DEFAULT_COUNTRY_FIELD] === 'string' ? input[DEFAULT_COUNTRY_FIELD] : 'US';
  const transform = PhoneE164Transform.safeParse({
    op: 'phone_e164',
    defaultCountry: String(country).toUpperCase(),
  });
  for (const [name, field] of Object.entries(inputs)) {
    if (field.type !== 'phone' || input[name] === undefined) continue;
    if (!transform.success)
      throw new ConnectorError(
        'invalid_input',
        `${inputs[DEFAULT_COUNTRY_FIELD]?.label ?? 'Default country'}: "${String(country)}" is not a country code (US, GB…).`,
        { retryable: false },
      );
    const result = applyTransform(transform.data, input[name]);
    if (!result.ok)
      throw new ConnectorError(
        'invalid_input',
        `${field.label}: ${JSON.stringify(input[name])} is not a phone number (for numbers without +, the default country is ${transform.data.defaultCountry}).`,
        { retryable: false },
      );
    input[name] = field.phoneFormat === 'digits' ? String(result.value).slice(1) : result.value;
  }
  return op.prepare ? { ...input, ...prepareFn(op.prepare)(input) } : input;
}

/** Sends one request through ctx.http with the service's (and the operation's) error mapping. */
export function sender(
  service: ServiceDefinition,
  ctx: ConnectorContext,
  opRules: readonly ErrorRule[] = [],
) {
  const classify = classifierOf(service, opRules, () => ctx.clock.now());
  const signed = service.auth.type === 'aws_sigv4';
  return (req: HttpRequest): Promise<HttpResponse> => {
    const headers = signed
      ? { ...req.headers, [PAYLOAD_HASH_HEADER]: payloadHash(req) }
      : req.headers;
    return ctx.http.request({ ...req, headers, classify, signal: req.signal ?? ctx.signal });
  };
}

/** The SHA-256 of the body exactly as the HTTP layer encodes it, for SigV4. */
function payloadHash(req: HttpRequest): string {
  if (req.json !== undefined) return sha256Hex(JSON.stringify(req.json));
  if (req.form !== undefined) return sha256Hex(new URLSearchParams(req.form).toString());
  return req.body === undefined ? EMPTY_BODY_SHA256 : sha256Hex(req.body);
}

/** What an action returns: the body at its output path, or the status when there is no body. */
function outputOf(op: ActionSpec, res: HttpResponse): unknown {
  const body = res.body;
  // A lookup that found nothing (204) is null, as a lookup with an empty list is.
  if (res.status === 204 && !op.sideEffects) return null;
  if (body === undefined || body === '' || (body instanceof Uint8Array && body.length === 0)) {
    const id = res.headers['x-message-id'] ?? res.headers['x-request-id'];
    return { accepted: true, status: res.status, ...(id ? { id } : {}) };
  }
  // A plain-text answer ("ok", "1") says only that it was taken.
  if (typeof body === 'string') return { accepted: true, status: res.status, response: body };
  return valueAt(body, op.outputPath) ?? null;
}

export async function runAction(
  service: ServiceDefinition,
  op: ActionSpec,
  ctx: ConnectorContext & { idempotencyKey?: string },
  config: Record<string, unknown>,
): Promise<unknown> {
  const input = normaliseInput(op, config);
  const conn = connectionOf(service, ctx);
  const scope: RequestScope = { ...conn.scope, input, idempotencyKey: ctx.idempotencyKey };
  const send = sender(service, ctx, op.errors);
  if (op.fn) return catalogueFn(op.fn)(fnContext(service, op, ctx, scope, conn.baseUrl, send));
  const req = renderRequest(op.request!, conn.baseUrl, scope);
  if (op.idempotencyHeader && ctx.idempotencyKey)
    req.headers = { ...req.headers, [op.idempotencyHeader]: ctx.idempotencyKey };
  return outputOf(op, await send(req));
}

export function fnContext(
  service: ServiceDefinition,
  op: ActionSpec | TriggerSpec,
  ctx: ConnectorContext,
  scope: RequestScope,
  baseUrl: string,
  send: (req: HttpRequest) => Promise<HttpResponse>,
): CatalogueFnContext {
  return { ctx, service, op, input: scope.input, scope, baseUrl, send };
}

/** "Test connection": the service's harmless read; the account is named when it says who. */
export async function testServiceConnection(
  service: ServiceDefinition,
  ctx: ConnectorContext,
): Promise<{ status: number; account?: string; body: unknown; durationMs: number }> {
  const conn = connectionOf(service, ctx);
  const res = await sender(
    service,
    ctx,
  )(renderRequest(service.test.request, conn.baseUrl, conn.scope));
  const account = service.test.accountPath
    ? valueAt(res.body, service.test.accountPath)
    : undefined;
  return {
    status: res.status,
    ...(account !== undefined && account !== null ? { account: templateText(account) } : {}),
    body: res.body,
    durationMs: res.durationMs,
  };
}
