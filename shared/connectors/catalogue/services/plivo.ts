import { defineService } from '../format';

/** Plivo Messages API: https://www.plivo.com/docs/messaging/api/message/send-a-message */
export const plivo = defineService({
  id: 'plivo',
  name: 'Plivo',
  category: 'messaging',
  icon: 'plivo',
  description: 'Send SMS through Plivo.',
  docsUrl: 'https://www.plivo.com/docs/messaging/api/message/send-a-message',
  auth: {
    type: 'basic',
    username: '{{credentials.authId}}',
    password: '{{credentials.authToken}}',
  },
  credentials: {
    authId: {
      label: 'Auth ID',
      help: 'Plivo console → Overview → Account Info, “Auth ID” (starts with MA or SA).',
    },
    authToken: {
      label: 'Auth token',
      help: 'Plivo console → Overview → Account Info, “Auth Token”.',
      secret: true,
    },
  },
  accountField: 'authId',
  baseUrl: 'https://api.plivo.com/v1',
  errors: [
    { status: [401], code: 'auth_expired' },
    { status: [429], code: 'rate_limited' },
    { status: [400], code: 'invalid_input', messagePath: 'error' },
  ],
  test: {
    request: { method: 'GET', path: '/Account/{{credentials.authId}}/' },
    accountPath: 'name',
  },
  actions: [
    {
      id: 'sms_send',
      name: 'Send an SMS',
      description: 'Sends a text message from a Plivo number.',
      input: {
        to: { label: 'To', type: 'phone', required: true },
        from: {
          label: 'From',
          type: 'phone',
          required: true,
          help: 'A Plivo number of this account.',
        },
        text: { label: 'Message', type: 'textarea', required: true },
      },
      request: {
        method: 'POST',
        path: '/Account/{{credentials.authId}}/Message/',
        body: {
          type: 'json',
          value: { src: '{{input.from}}', dst: '{{input.to}}', text: '{{input.text}}' },
        },
      },
      sample: { api_id: '…', message: 'message(s) queued', message_uuid: ['…'] },
    },
  ],
});
