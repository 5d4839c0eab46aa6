import { WebhookEndpointStored } from '@shared/connections/kinds';
import { readCredentials } from '../../connections/credentials';
import type { OpenedConnection } from '../../connections/auth';
import type { HttpClient, HttpResponse } from '../../http/client';
import type { Clock } from '../../types';
import { signStandardWebhook } from './sign';

export interface WebhookEvent {
  /** Becomes webhook-id: the step's idempotency key, so every retry carries the same id. */
  id: string;
  type: string;
  data: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Headers a user may not set: they are the signature itself. */
const SIGNATURE_HEADERS = new Set(['webhook-id', 'webhook-timestamp', 'webhook-signature']);

/**
 * POSTs one event in the Standard Webhooks payload shape `{ type, timestamp, data }`, signed
 * with the endpoint's secret. Non-2xx answers throw ConnectorError (the engine's retry policy
 * decides what happens next; 429 and 5xx are retryable and honour Retry-After).
 */
export async function sendWebhookEvent(
  http: HttpClient,
  endpoint: OpenedConnection,
  clock: Clock,
  event: WebhookEvent,
): Promise<HttpResponse> {
  const { url, secret } = readCredentials(
    WebhookEndpointStored,
    endpoint.credentials,
    `the webhook endpoint "${endpoint.name}"`,
  );
  const now = clock.now();
  const body = JSON.stringify({
    type: event.type,
    timestamp: now.toISOString(),
    data: event.data ?? null,
  });
  const custom = Object.fromEntries(
    Object.entries(event.headers ?? {}).filter(
      ([name]) => !SIGNATURE_HEADERS.has(name.toLowerCase()),
    ),
  );
  return http.request({
    method: 'POST',
    url,
    headers: {
      ...custom,
      'content-type': 'application/json',
      ...signStandardWebhook({
        secret,
        id: event.id,
        timestamp: Math.floor(now.getTime() / 1000),
        body,
      }),
    },
    body,
    timeoutMs: event.timeoutMs,
  });
}
