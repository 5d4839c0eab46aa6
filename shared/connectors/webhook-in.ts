import { z } from 'zod';
import type { ConnectorDescriptor } from './types';

/** Header names as HTTP sends them: checked here so a typo is caught in the inspector. */
const HeaderName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be a header name such as x-signature');

export const DEFAULT_MAX_BODY_KB = 1024;
export const DEFAULT_TOLERANCE_SECONDS = 300;

const common = {
  /** Which method senders use; anything else is answered 405. */
  method: z.enum(['POST', 'PUT', 'PATCH', 'ANY']).default('POST'),
  /** Larger bodies are refused with 413 before they are read. */
  maxBodyKb: z.number().int().min(1).max(10_240).default(DEFAULT_MAX_BODY_KB),
  /** What a new event is answered with once it is stored (a duplicate is answered 200). */
  responseStatus: z.number().int().min(200).max(299).default(202),
  /** A fixed body instead of `{"accepted":true,"runId":…}`. */
  responseBody: z.string().max(10_000).optional(),
  /** A header whose value identifies the event, for senders that repeat deliveries (e.g. x-github-delivery). */
  idHeader: HeaderName.optional(),
  /** The item a test run starts with. */
  sample: z.record(z.string(), z.unknown()).optional(),
};

export const WebhookReceiveConfig = z.discriminatedUnion(
  'verification',
  [
    z.object({ verification: z.literal('none'), ...common }),
    z.object({
      verification: z.literal('standard'),
      ...common,
      toleranceSeconds: z.number().int().min(10).max(86_400).default(DEFAULT_TOLERANCE_SECONDS),
    }),
    z.object({
      verification: z.literal('hmac'),
      ...common,
      signatureHeader: HeaderName.default('x-signature'),
      signatureEncoding: z.enum(['hex', 'base64']).default('hex'),
      /** Text before the signature in the header, e.g. `sha256=`. */
      signaturePrefix: z.string().max(40).default(''),
      /** Sign the public URL followed by the body, for senders whose signature covers the URL. */
      signsUrl: z.boolean().default(false),
    }),
    z.object({
      verification: z.literal('header'),
      ...common,
      secretHeader: HeaderName.default('x-webhook-secret'),
    }),
  ],
  { error: 'choose how requests are verified (Verification)' },
);
export type WebhookReceiveConfig = z.infer<typeof WebhookReceiveConfig>;
export type WebhookVerification = WebhookReceiveConfig['verification'];

/** What a webhook run starts with: `{{trigger.body.email}}` and so on. */
export const WEBHOOK_SAMPLE = {
  method: 'POST',
  path: '/hooks/…',
  query: {},
  headers: { 'content-type': 'application/json' },
  contentType: 'application/json',
  body: { email: 'ada@example.com', name: 'Ada Lovelace' },
};

export const incomingWebhookConnector: ConnectorDescriptor = {
  id: 'webhook_in',
  name: 'Webhook',
  category: 'webhooks',
  icon: 'webhook',
  description: 'Start a workflow when another service sends an HTTP request to its own URL.',
  auth: ['none'],
  triggers: [
    {
      id: 'receive',
      kind: 'webhook',
      name: 'When a webhook arrives',
      description:
        'Each request to this workflow’s URL is stored as a run before it is answered; with verification on, forged or replayed requests are refused.',
      config: WebhookReceiveConfig,
      ui: {
        order: [
          'verification',
          'toleranceSeconds',
          'signatureHeader',
          'signatureEncoding',
          'signaturePrefix',
          'signsUrl',
          'secretHeader',
          'method',
          'idHeader',
          'responseStatus',
          'responseBody',
          'maxBodyKb',
          'sample',
        ],
        fields: {
          verification: {
            label: 'Verification',
            widget: 'select',
            help: 'How Switchyard tells real requests from forged ones. The secret is set below the URL and never leaves this computer.',
            options: {
              kind: 'static',
              options: [
                { value: 'none', label: 'None (anyone with the URL)' },
                { value: 'standard', label: 'Standard Webhooks signature' },
                { value: 'hmac', label: 'HMAC-SHA256 signature header' },
                { value: 'header', label: 'Shared secret header' },
              ],
            },
          },
          toleranceSeconds: {
            label: 'Timestamp tolerance (seconds)',
            widget: 'number',
            help: 'Requests whose webhook-timestamp is further from now are refused as replays.',
          },
          signatureHeader: {
            label: 'Signature header',
            widget: 'text',
            placeholder: 'x-signature',
          },
          signatureEncoding: {
            label: 'Signature encoding',
            widget: 'select',
            options: {
              kind: 'static',
              options: [
                { value: 'hex', label: 'Hex' },
                { value: 'base64', label: 'Base64' },
              ],
            },
          },
          signaturePrefix: {
            label: 'Signature prefix',
            widget: 'text',
            placeholder: 'sha256=',
            help: 'Text the sender puts before the signature, if any.',
          },
          signsUrl: {
            label: 'Signature covers the URL',
            widget: 'switch',
            help: 'The signed text is the public URL followed by the body. Set the public base URL in Settings.',
          },
          secretHeader: { label: 'Secret header', widget: 'text', placeholder: 'x-webhook-secret' },
          method: {
            label: 'Method',
            widget: 'select',
            options: {
              kind: 'static',
              options: ['POST', 'PUT', 'PATCH', 'ANY'].map((m) => ({ value: m, label: m })),
            },
            advanced: true,
          },
          idHeader: {
            label: 'Event id header',
            widget: 'text',
            placeholder: 'x-github-delivery',
            help: 'A repeated id is answered 200 and recorded as a duplicate, not run again. Standard Webhooks use webhook-id.',
            advanced: true,
          },
          responseStatus: { label: 'Response status', widget: 'number', advanced: true },
          responseBody: { label: 'Response body', widget: 'textarea', advanced: true },
          maxBodyKb: {
            label: 'Largest body (KB)',
            widget: 'number',
            help: 'Larger requests are refused with 413.',
            advanced: true,
          },
          sample: {
            label: 'Sample request',
            widget: 'json',
            help: 'What a test run starts with, shaped like a real request.',
            advanced: true,
          },
        },
      },
      sample: WEBHOOK_SAMPLE,
    },
  ],
  actions: [],
};
