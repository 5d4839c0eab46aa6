import { defineService } from '../format';

/** Slack incoming webhooks: https://api.slack.com/messaging/webhooks */
export const slack = defineService({
  id: 'slack',
  name: 'Slack',
  category: 'messaging',
  icon: 'slack',
  description: 'Post messages to a Slack channel through an incoming webhook.',
  docsUrl: 'https://api.slack.com/messaging/webhooks',
  auth: { type: 'none' },
  credentials: {
    webhookUrl: {
      label: 'Webhook URL',
      help: 'Slack → your app → Incoming Webhooks → Add New Webhook to Workspace; copy the https://hooks.slack.com/services/… URL. It is the secret.',
      secret: true,
      widget: 'url',
      pattern: { regex: '^https?://', message: 'must be the webhook’s https:// URL' },
    },
  },
  baseUrl: 'https://hooks.slack.com',
  // Slack allows about one message per second per webhook.
  limits: { perMinute: 60 },
  errors: [
    {
      status: [403, 404],
      match: {
        path: '',
        in: ['invalid_token', 'no_service', 'no_team', 'team_disabled', 'action_prohibited'],
      },
      code: 'auth_expired',
    },
    { status: [404], match: { path: '', in: ['channel_not_found'] }, code: 'not_found' },
    { status: [410], code: 'not_found' },
    { status: [429], code: 'rate_limited' },
    { status: [400], code: 'invalid_input' },
  ],
  // An empty message is refused as `no_text` (400) only by a live webhook: a safe check.
  test: {
    request: {
      method: 'POST',
      path: '{{credentials.webhookUrl}}',
      body: { type: 'json', value: {} },
    },
    acceptStatus: [400],
  },
  actions: [
    {
      id: 'message_post',
      name: 'Post a message',
      description: 'Posts to the channel the webhook was made for.',
      input: {
        text: {
          label: 'Text',
          type: 'textarea',
          required: true,
          help: 'Slack mrkdwn: *bold*, _italic_, <https://…|links>.',
        },
        blocks: {
          label: 'Blocks (JSON)',
          type: 'json',
          advanced: true,
          help: 'Block Kit blocks; the text is then the notification fallback.',
        },
      },
      request: {
        method: 'POST',
        path: '{{credentials.webhookUrl}}',
        body: { type: 'json', value: { text: '{{input.text}}', blocks: '{{input.blocks}}' } },
      },
      sample: { accepted: true, status: 200 },
    },
  ],
});
