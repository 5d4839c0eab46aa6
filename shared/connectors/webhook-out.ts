import { z } from 'zod';
import type { ConnectorDescriptor } from './types';

export const WebhookSendConfig = z.object({
  /** The event's `type`, e.g. `lead.created`. */
  event: z
    .string({ error: 'Event name is required' })
    .trim()
    .min(1, 'Event name is required')
    .max(200)
    .regex(/^[A-Za-z0-9_.:-]+$|\{\{/, 'must be letters, digits and . _ : - (e.g. lead.created)'),
  data: z.unknown().optional(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  timeoutSeconds: z.number().int().min(1).max(120).default(30),
});
export type WebhookSendConfig = z.infer<typeof WebhookSendConfig>;

export const outgoingWebhookConnector: ConnectorDescriptor = {
  id: 'webhook_out',
  name: 'Outgoing webhook',
  category: 'webhooks',
  icon: 'webhook',
  description:
    'Send signed events (Standard Webhooks) to an endpoint you registered on the Connections page.',
  auth: ['signing_secret'],
  connectionKinds: ['webhook_endpoint'],
  triggers: [],
  actions: [
    {
      id: 'send',
      name: 'Send an event',
      description:
        'POSTs {type, timestamp, data} signed with the endpoint’s secret. Retries keep the same webhook-id, so the receiver can drop repeats.',
      sideEffects: true,
      idempotent: true,
      config: WebhookSendConfig,
      ui: {
        order: ['event', 'data', 'headers', 'timeoutSeconds'],
        fields: {
          event: { label: 'Event name', placeholder: 'lead.created', mappable: true },
          data: {
            label: 'Data',
            widget: 'json',
            mappable: true,
            help: 'The event’s data, e.g. {"email": "{{mapping.email}}"}.',
          },
          headers: { label: 'Extra headers', widget: 'json', mappable: true, advanced: true },
          timeoutSeconds: { label: 'Timeout (seconds)', widget: 'number', advanced: true },
        },
      },
      sample: { status: 200, webhookId: 'msg_2b7c…', body: { received: true } },
    },
  ],
};
