import { defineService } from '../format';

/** Mailgun Messages API: https://documentation.mailgun.com/docs/mailgun/api-reference/openapi-final/tag/Messages/ */
export const mailgun = defineService({
  id: 'mailgun',
  name: 'Mailgun',
  category: 'email',
  icon: 'mailgun',
  description: 'Send e-mail through Mailgun.',
  docsUrl:
    'https://documentation.mailgun.com/docs/mailgun/api-reference/openapi-final/tag/Messages/',
  auth: { type: 'basic', username: 'api', password: '{{credentials.apiKey}}' },
  credentials: {
    apiKey: {
      label: 'API key',
      help: 'Mailgun → Account → API Security → Mailgun API keys (or the domain’s Sending key).',
      secret: true,
    },
    domain: {
      label: 'Sending domain',
      help: 'Mailgun → Sending → Domains, e.g. mg.example.com.',
      placeholder: 'mg.example.com',
    },
  },
  accountField: 'domain',
  regions: [
    { value: 'us', label: 'US (api.mailgun.net)', values: { api: 'https://api.mailgun.net' } },
    {
      value: 'eu',
      label: 'EU (api.eu.mailgun.net)',
      values: { api: 'https://api.eu.mailgun.net' },
    },
  ],
  baseUrl: '{{region.api}}',
  errors: [
    { status: [401, 403], code: 'auth_expired' },
    { status: [429], code: 'rate_limited' },
    { status: [400], code: 'invalid_input', messagePath: 'message' },
  ],
  test: {
    request: { method: 'GET', path: '/v3/domains/{{credentials.domain}}' },
    accountPath: 'domain.name',
  },
  actions: [
    {
      id: 'mail_send',
      name: 'Send an e-mail',
      description: 'Sends one e-mail from your Mailgun domain.',
      input: {
        to: { label: 'To', required: true, help: 'One address, or several separated by commas.' },
        from: { label: 'From', required: true, placeholder: 'Shop <orders@mg.example.com>' },
        subject: { label: 'Subject', required: true },
        text: { label: 'Text', type: 'textarea', required: true },
        html: { label: 'HTML', type: 'textarea', advanced: true },
      },
      request: {
        method: 'POST',
        path: '/v3/{{credentials.domain}}/messages',
        body: {
          type: 'form',
          value: {
            from: '{{input.from}}',
            to: '{{input.to}}',
            subject: '{{input.subject}}',
            text: '{{input.text}}',
            html: '{{input.html}}',
          },
        },
      },
      sample: { id: '<20260101.1@mg.example.com>', message: 'Queued. Thank you.' },
    },
  ],
});
