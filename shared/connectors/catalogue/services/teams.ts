import { defineService } from '../format';

/** Microsoft Teams incoming webhooks (Workflows / connectors): https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook */
export const teams = defineService({
  id: 'teams',
  name: 'Microsoft Teams',
  category: 'messaging',
  icon: 'teams',
  description: 'Post messages to a Teams channel through an incoming webhook.',
  docsUrl:
    'https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
  auth: { type: 'none' },
  credentials: {
    webhookUrl: {
      label: 'Webhook URL',
      help: 'In Teams: the channel’s ••• → Workflows → “Post to a channel when a webhook request is received” (or Connectors → Incoming Webhook); copy the URL it shows. It is the secret.',
      secret: true,
      widget: 'url',
      pattern: { regex: '^https?://', message: 'must be the webhook’s https:// URL' },
    },
  },
  baseUrl: 'https://outlook.office.com',
  // Teams throttles a webhook past about 4 requests per second.
  limits: { perMinute: 120 },
  errors: [
    { status: [401, 403, 404], code: 'auth_expired' },
    { status: [429], code: 'rate_limited' },
    { status: [400], code: 'invalid_input' },
  ],
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
        title: { label: 'Title' },
        text: { label: 'Text', type: 'textarea', required: true, help: 'Markdown.' },
      },
      request: {
        method: 'POST',
        path: '{{credentials.webhookUrl}}',
        body: {
          type: 'json',
          value: {
            '@type': 'MessageCard',
            '@context': 'https://schema.org/extensions',
            summary: '{{input.text}}',
            title: '{{input.title}}',
            text: '{{input.text}}',
          },
        },
      },
      sample: { accepted: true, status: 200 },
    },
  ],
});
