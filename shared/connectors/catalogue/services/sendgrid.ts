import { defineService } from '../format';

/** SendGrid v3 Mail Send: https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send */
export const sendgrid = defineService({
  id: 'sendgrid',
  name: 'SendGrid',
  category: 'email',
  icon: 'sendgrid',
  description: 'Send e-mail through Twilio SendGrid.',
  docsUrl: 'https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send',
  auth: {
    type: 'api_key',
    in: 'header',
    name: 'authorization',
    value: 'Bearer {{credentials.apiKey}}',
  },
  credentials: {
    apiKey: {
      label: 'API key',
      help: 'SendGrid → Settings → API Keys → Create API Key (Mail Send access). Shown once; starts with SG.',
      secret: true,
      placeholder: 'SG.…',
    },
  },
  baseUrl: 'https://api.sendgrid.com',
  limits: { perMinute: 600 },
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'errors[0].message' },
    { status: [403], code: 'forbidden', messagePath: 'errors[0].message' },
    { status: [429], code: 'rate_limited', messagePath: 'errors[0].message' },
    { status: [400, 413], code: 'invalid_input', messagePath: 'errors[0].message' },
  ],
  test: { request: { method: 'GET', path: '/v3/scopes' } },
  actions: [
    {
      id: 'mail_send',
      name: 'Send an e-mail',
      description: 'Sends one e-mail to one recipient.',
      input: {
        to: { label: 'To', type: 'email', required: true },
        from: {
          label: 'From',
          type: 'email',
          required: true,
          help: 'A verified sender or an address on an authenticated domain.',
        },
        fromName: { label: 'From name' },
        subject: { label: 'Subject', required: true },
        text: { label: 'Text', type: 'textarea', required: true },
        html: { label: 'HTML', type: 'textarea', advanced: true },
      },
      request: {
        method: 'POST',
        path: '/v3/mail/send',
        body: {
          type: 'json',
          value: {
            personalizations: [{ to: [{ email: '{{input.to}}' }] }],
            from: { email: '{{input.from}}', name: '{{input.fromName}}' },
            subject: '{{input.subject}}',
            content: [
              { type: 'text/plain', value: '{{input.text}}' },
              { $if: '{{input.html}}', type: 'text/html', value: '{{input.html}}' },
            ],
          },
        },
      },
      sample: { accepted: true, status: 202, id: 'x-message-id' },
    },
  ],
});
