import { createHash } from 'node:crypto';
import { ConnectorError } from '@shared/connectors/errors';
import type { WebhookSendConfig } from '@shared/connectors/webhook-out';
import type { ActionContext, ConnectorImpl } from '../types';
import { sendWebhookEvent } from './send';

/** The event's webhook-id: the same on every retry of the step, new for a replay. */
export const webhookIdOf = (idempotencyKey: string) =>
  `msg_${createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 27)}`;

/** Sends one signed event to the step's webhook endpoint connection. */
export async function sendEvent(ctx: ActionContext, config: WebhookSendConfig) {
  const endpoint = ctx.connection;
  if (!endpoint || endpoint.kind !== 'webhook_endpoint') {
    throw new ConnectorError('invalid_input', 'Choose a webhook endpoint for this step.', {
      retryable: false,
    });
  }
  const webhookId = webhookIdOf(ctx.idempotencyKey);
  const res = await sendWebhookEvent(ctx.http, endpoint, ctx.clock, {
    id: webhookId,
    type: config.event,
    data: config.data ?? null,
    headers: Object.fromEntries(
      Object.entries(config.headers ?? {}).map(([name, value]) => [name, String(value)]),
    ),
    timeoutMs: config.timeoutSeconds * 1000,
  });
  return { status: res.status, webhookId, body: res.body };
}

export const outgoingWebhookImpl: ConnectorImpl = {
  id: 'webhook_out',
  triggers: {},
  actions: { send: { run: sendEvent } },
};
