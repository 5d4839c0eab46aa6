import { defineService } from '../format';

/** Vonage Messages API (SMS channel): https://developer.vonage.com/en/api/messages */
export const vonage = defineService({
  id: 'vonage',
  name: 'Vonage',
  category: 'messaging',
  icon: 'vonage',
  description: 'Send SMS through the Vonage Messages API.',
  docsUrl: 'https://developer.vonage.com/en/api/messages',
  auth: {
    type: 'basic',
    username: '{{credentials.apiKey}}',
    password: '{{credentials.apiSecret}}',
  },
  credentials: {
    apiKey: { label: 'API key', help: 'Vonage API Dashboard → home page, “API key”.' },
    apiSecret: {
      label: 'API secret',
      help: 'Vonage API Dashboard → home page, “API secret” (Settings shows it again).',
      secret: true,
    },
  },
  accountField: 'apiKey',
  baseUrl: 'https://api.nexmo.com',
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'detail' },
    { status: [429], code: 'rate_limited', messagePath: 'detail' },
    { status: [400, 422], code: 'invalid_input', messagePath: 'detail' },
  ],
  test: { request: { method: 'GET', path: '/v2/applications', query: { page_size: '1' } } },
  actions: [
    {
      id: 'sms_send',
      name: 'Send an SMS',
      description: 'Sends a text message from a Vonage number or sender id.',
      input: {
        to: { label: 'To', type: 'phone', phoneFormat: 'digits', required: true },
        from: {
          label: 'From',
          required: true,
          help: 'A Vonage number (E.164) or an alphanumeric sender id where allowed.',
        },
        text: { label: 'Message', type: 'textarea', required: true },
      },
      request: {
        method: 'POST',
        path: '/v1/messages',
        body: {
          type: 'json',
          value: {
            message_type: 'text',
            channel: 'sms',
            to: '{{input.to}}',
            from: '{{input.from}}',
            text: '{{input.text}}',
            client_ref: '{{idempotencyKey}}',
          },
        },
      },
      sample: { message_uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab' },
    },
  ],
});
