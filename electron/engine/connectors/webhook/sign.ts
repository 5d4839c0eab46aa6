import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the signature is
 * base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)) with the key the base64 after `whsec_`,
 * sent as `v1,<signature>` in webhook-signature.
 */
export function signStandardWebhook(input: {
  secret: string;
  id: string;
  /** Seconds since epoch. */
  timestamp: number;
  body: string;
}): Record<string, string> {
  const key = Buffer.from(input.secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key)
    .update(`${input.id}.${input.timestamp}.${input.body}`)
    .digest('base64');
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}
