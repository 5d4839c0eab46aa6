import { createHmac } from 'node:crypto';
import { CATALOGUE } from '@shared/connectors/catalogue';
import type { ServiceDefinition, WebhookTriggerSpec } from '@shared/connectors/catalogue/format';
import { renderTemplate, templateText } from '@shared/workflow/mapping';
import { sameBytes, type Verdict } from '../webhook/verify';
import type { TriggerItem } from '../types';
import { collect, valueAt } from './paths';

export interface CatalogueWebhook {
  service: ServiceDefinition;
  spec: WebhookTriggerSpec;
}

const byOperation = new Map<string, CatalogueWebhook>();
for (const service of CATALOGUE)
  for (const spec of service.triggers)
    if (spec.kind === 'webhook') byOperation.set(`${service.id}.${spec.id}`, { service, spec });

/** The catalogue webhook trigger behind a workflow's trigger, if it is one. */
export function catalogueWebhookOf(
  trigger: { connector: string; operation: string } | null | undefined,
): CatalogueWebhook | undefined {
  return trigger ? byOperation.get(`${trigger.connector}.${trigger.operation}`) : undefined;
}

/**
 * X-Twilio-Signature (https://www.twilio.com/docs/usage/webhooks/webhooks-security): base64
 * HMAC-SHA1, keyed by the auth token, of the full public URL followed by each POST parameter's
 * name and value, sorted by name.
 */
export function twilioSignature(url: string, params: Record<string, string>, authToken: string) {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function verifyTwilio(
  url: string,
  params: Record<string, string>,
  authToken: string,
  presented: string | undefined,
): Verdict {
  if (!presented) return { ok: false, reason: 'X-Twilio-Signature is missing' };
  const expected = Buffer.from(twilioSignature(url, params, authToken), 'base64');
  return sameBytes(Buffer.from(presented, 'base64'), expected)
    ? { ok: true }
    : { ok: false, reason: `X-Twilio-Signature does not match (signed URL: ${url})` };
}

/** X-Hub-Signature-256 (Meta): `sha256=` and the hex HMAC-SHA256 of the raw body, keyed by the app secret. */
export function verifyMeta(
  rawBody: Buffer,
  appSecret: string,
  presented: string | undefined,
): Verdict {
  if (!presented) return { ok: false, reason: 'X-Hub-Signature-256 is missing' };
  if (!presented.startsWith('sha256='))
    return { ok: false, reason: 'X-Hub-Signature-256 does not start with sha256=' };
  const value = presented.slice(7);
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = /^[0-9a-fA-F]+$/.test(value) ? Buffer.from(value, 'hex') : Buffer.alloc(0);
  return sameBytes(given, expected)
    ? { ok: true }
    : { ok: false, reason: 'X-Hub-Signature-256 does not match' };
}

/** Meta's subscription handshake: the challenge to echo, or null when the token is wrong. */
export function metaChallenge(query: URLSearchParams, verifyToken: string): string | null {
  if (query.get('hub.mode') !== 'subscribe') return null;
  const given = Buffer.from(query.get('hub.verify_token') ?? '');
  if (!sameBytes(given, Buffer.from(verifyToken))) return null;
  return query.get('hub.challenge');
}

/** The events of one delivery (Meta batches several), each a trigger item with its own id. */
export function webhookItems(
  spec: WebhookTriggerSpec,
  body: unknown,
  receivedAt: string,
): TriggerItem[] {
  return collect(body, spec.itemsPath)
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object' && !Array.isArray(e))
    .map((event) => {
      const id = valueAt(event, spec.idPath);
      return {
        id: templateText(id).slice(0, 500),
        data: { ...event, receivedAt },
        ...(spec.summary
          ? { summary: templateText(renderTemplate(spec.summary, event)).slice(0, 200) }
          : {}),
      };
    })
    .filter((item) => item.id !== '');
}
