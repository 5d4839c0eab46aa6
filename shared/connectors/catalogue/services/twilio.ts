import { defineService } from '../format';

/** Twilio Programmable Messaging: https://www.twilio.com/docs/messaging/api/message-resource */
export const twilio = defineService({
  id: 'twilio',
  name: 'Twilio',
  category: 'messaging',
  icon: 'twilio',
  description: 'Send SMS through Twilio and start workflows from incoming messages.',
  docsUrl: 'https://www.twilio.com/docs/messaging/api/message-resource',
  auth: {
    type: 'basic',
    username: '{{credentials.accountSid}}',
    password: '{{credentials.authToken}}',
  },
  credentials: {
    accountSid: {
      label: 'Account SID',
      help: 'Twilio Console → Account Info (starts with AC).',
      placeholder: 'AC…',
      pattern: { regex: '^AC[0-9a-fA-F]{32}$', message: 'must be AC followed by 32 hex digits' },
    },
    authToken: {
      label: 'Auth token',
      help: 'Twilio Console → Account Info → Auth Token (click to reveal). It also signs incoming-message webhooks.',
      secret: true,
    },
  },
  accountField: 'accountSid',
  baseUrl: 'https://api.twilio.com/2010-04-01',
  // Twilio answers 429 (code 20429) past its per-account concurrency; 100/s is its documented API cap.
  limits: { perMinute: 6000 },
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'message' },
    { match: { path: 'code', in: [20003, 20005] }, code: 'auth_expired', messagePath: 'message' },
    { status: [429], code: 'rate_limited', messagePath: 'message' },
    { status: [400], code: 'invalid_input', messagePath: 'message' },
  ],
  test: {
    request: { method: 'GET', path: '/Accounts/{{credentials.accountSid}}.json' },
    accountPath: 'friendly_name',
  },
  actions: [
    {
      id: 'sms_send',
      name: 'Send an SMS',
      description: 'Sends a text message from one of your Twilio numbers (or a messaging service).',
      input: {
        to: { label: 'To', type: 'phone', required: true, help: 'Written any way; sent as E.164.' },
        from: {
          label: 'From',
          type: 'phone',
          help: 'A Twilio number of this account. Leave empty when a messaging service sends.',
        },
        messagingServiceSid: {
          label: 'Messaging service SID',
          placeholder: 'MG…',
          advanced: true,
        },
        body: { label: 'Message', type: 'textarea', required: true },
      },
      request: {
        method: 'POST',
        path: '/Accounts/{{credentials.accountSid}}/Messages.json',
        body: {
          type: 'form',
          value: {
            To: '{{input.to}}',
            From: '{{input.from}}',
            MessagingServiceSid: '{{input.messagingServiceSid}}',
            Body: '{{input.body}}',
          },
        },
      },
      sample: {
        sid: 'SM…',
        status: 'queued',
        to: '+14155552671',
        from: '+14155550100',
        body: 'Hi',
      },
    },
  ],
  triggers: [
    {
      kind: 'webhook',
      id: 'sms_received',
      name: 'Incoming SMS',
      description:
        'Starts when one of your Twilio numbers receives a message. Set the number’s “A message comes in” webhook to this workflow’s public URL (HTTP POST).',
      verification: { type: 'twilio', secretCredential: 'authToken' },
      idPath: 'MessageSid',
      summary: '{{From}}: {{Body}}',
      sample: { MessageSid: 'SM…', From: '+14155552671', To: '+14155550100', Body: 'Hello' },
    },
  ],
});
