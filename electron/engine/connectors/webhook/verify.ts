import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WebhookReceiveConfig } from '@shared/connectors/webhook-in';

export type Verdict = { ok: true } | { ok: false; reason: string };

export interface SignedRequest {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  rawBody: Buffer;
  /** The URL the sender addressed (the public one when a public base URL is set). */
  url: string;
  nowMs: number;
}

const header = (req: SignedRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Compares in constant time for equal lengths; different lengths are simply unequal. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The key bytes of a Standard Webhooks secret (`whsec_<base64>`); other secrets are used as text. */
function standardKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

function verifyStandard(req: SignedRequest, secret: string, toleranceSeconds: number): Verdict {
  const id = header(req, 'webhook-id');
  const timestamp = header(req, 'webhook-timestamp');
  const signatures = header(req, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    return { ok: false, reason: 'webhook-id, webhook-timestamp or webhook-signature is missing' };
  if (!/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'webhook-timestamp is not a number of seconds' };
  const skew = Math.abs(req.nowMs / 1000 - Number(timestamp));
  if (skew > toleranceSeconds)
    return {
      ok: false,
      reason: `webhook-timestamp is ${Math.round(skew)} s away from now (tolerance ${toleranceSeconds} s)`,
    };
  const expected = createHmac('sha256', standardKey(secret))
    .update(`${id}.${timestamp}.`)
    .update(req.rawBody)
    .digest();
  // The header may list several signatures (during a secret rotation): any v1 match is enough.
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) continue;
    if (sameBytes(Buffer.from(value, 'base64'), expected)) return { ok: true };
  }
  return { ok: false, reason: 'webhook-signature does not match' };
}

function verifyHmac(
  req: SignedRequest,
  secret: string,
  config: Extract<WebhookReceiveConfig, { verification: 'hmac' }>,
): Verdict {
  const presented = header(req, config.signatureHeader);
  if (!presented) return { ok: false, reason: `${config.signatureHeader} is missing` };
  const trimmed = presented.trim();
  const prefix = config.signaturePrefix;
  if (prefix && !trimmed.startsWith(prefix))
    return { ok: false, reason: `${config.signatureHeader} does not start with "${prefix}"` };
  const hmac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  if (config.signsUrl) hmac.update(req.url);
  const expected = hmac.update(req.rawBody).digest();
  const value = trimmed.slice(prefix.length);
  const decoded =
    config.signatureEncoding === 'hex'
      ? /^[0-9a-fA-F]+$/.test(value)
        ? Buffer.from(value, 'hex')
        : Buffer.alloc(0)
      : Buffer.from(value, 'base64');
  return sameBytes(decoded, expected)
    ? { ok: true }
    : { ok: false, reason: `${config.signatureHeader} does not match` };
}

/**
 * Checks a request against the trigger's verification setting, in constant time. A
 * verification without a stored secret refuses everything: the secret was never set (or the
 * workflow was imported) and nothing unverified may run.
 */
export function verifyWebhook(
  config: WebhookReceiveConfig,
  secret: string | null,
  req: SignedRequest,
): Verdict {
  if (config.verification === 'none') return { ok: true };
  if (!secret)
    return {
      ok: false,
      reason: 'verification is on but no secret is set; set one in the trigger’s inspector',
    };
  switch (config.verification) {
    case 'standard':
      return verifyStandard(req, secret, config.toleranceSeconds);
    case 'hmac':
      return verifyHmac(req, secret, config);
    case 'header': {
      const presented = header(req, config.secretHeader);
      if (!presented) return { ok: false, reason: `${config.secretHeader} is missing` };
      // Digests first: equal lengths, so the comparison does not even leak the secret's length.
      return sameBytes(digest(presented), digest(secret))
        ? { ok: true }
        : { ok: false, reason: `${config.secretHeader} does not match` };
    }
  }
}
