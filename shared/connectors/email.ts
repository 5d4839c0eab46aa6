import { z } from 'zod';
import type { ConnectorDescriptor } from './types';

const Email = z.email();

/** `ada@example.com` or `Ada Lovelace <ada@example.com>`: the address, or undefined. */
export function addressOf(entry: string): string | undefined {
  const text = entry.trim();
  const angled = /^(?:"?([^"<>]*)"?\s*)?<([^<>\s]+)>$/.exec(text);
  const address = angled ? angled[2]! : text;
  return Email.safeParse(address).success ? address : undefined;
}

/** The entries of an address list: a string split at commas or semicolons, or a list. */
export function addressEntries(value: string | readonly string[]): string[] {
  const parts = typeof value === 'string' ? value.split(/[,;]/) : value;
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * Addresses as one text or a list (e.g. mapped from a trigger's array). Each must be an e-mail
 * address; text still holding a `{{reference}}` is checked when the step runs, once rendered.
 */
const AddressList = (required: boolean) =>
  z
    .union([z.string().max(10_000), z.array(z.string().max(500)).max(500)], {
      error: 'Give one or more e-mail addresses',
    })
    .superRefine((value, ctx) => {
      if (typeof value === 'string' && value.includes('{{')) return;
      const entries = addressEntries(value);
      if (required && entries.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'needs at least one address' });
      }
      for (const entry of entries) {
        if (!addressOf(entry)) {
          ctx.addIssue({ code: 'custom', message: `"${entry}" is not an e-mail address` });
          return;
        }
      }
    });

export const EmailSendConfig = z
  .object({
    /** Default: the connection's sender address. */
    from: z.string().trim().max(500).optional(),
    fromName: z.string().trim().max(200).optional(),
    replyTo: AddressList(false).optional(),
    to: AddressList(true),
    cc: AddressList(false).optional(),
    bcc: AddressList(false).optional(),
    subject: z.string({ error: 'Subject is required' }).min(1, 'Subject is required').max(998),
    text: z.string().max(1_000_000).optional(),
    html: z.string().max(1_000_000).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.from && !config.from.includes('{{') && !addressOf(config.from)) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: `"${config.from}" is not an e-mail address`,
      });
    }
    if (!config.text?.trim() && !config.html?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'Give a text or an HTML body' });
    }
  });
export type EmailSendConfig = z.infer<typeof EmailSendConfig>;

export const emailConnector: ConnectorDescriptor = {
  id: 'email',
  name: 'E-mail',
  category: 'email',
  icon: 'mail',
  description: 'Send e-mail through your own SMTP server.',
  auth: ['smtp'],
  connectionKinds: ['smtp'],
  triggers: [],
  actions: [
    {
      id: 'send',
      name: 'Send an e-mail',
      description:
        'Sends one e-mail through the chosen SMTP account, with text and HTML from mapped data.',
      sideEffects: true,
      config: EmailSendConfig,
      ui: {
        order: ['to', 'subject', 'text', 'html', 'cc', 'bcc', 'from', 'fromName', 'replyTo'],
        fields: {
          to: {
            widget: 'text',
            label: 'To',
            placeholder: 'ada@example.com, {{trigger.email}}',
            help: 'Addresses separated by commas, or a mapped list.',
            mappable: true,
          },
          subject: { label: 'Subject', mappable: true },
          text: { label: 'Text', widget: 'textarea', mappable: true },
          html: {
            label: 'HTML',
            widget: 'code',
            mappable: true,
            help: 'Optional; shown by mail apps that can.',
          },
          cc: {
            widget: 'text',
            label: 'Cc',
            mappable: true,
            advanced: true,
          },
          bcc: {
            widget: 'text',
            label: 'Bcc',
            mappable: true,
            advanced: true,
          },
          from: {
            label: 'From address',
            placeholder: 'Default: the account’s sender address',
            mappable: true,
            advanced: true,
          },
          fromName: {
            label: 'From name',
            placeholder: 'Acme Sales',
            mappable: true,
            advanced: true,
          },
          replyTo: {
            widget: 'text',
            label: 'Reply to',
            mappable: true,
            advanced: true,
          },
        },
      },
      sample: {
        messageId: '<0a1b2c@switchyard>',
        accepted: ['ada@example.com'],
        rejected: [],
        response: '250 OK',
      },
    },
  ],
};
