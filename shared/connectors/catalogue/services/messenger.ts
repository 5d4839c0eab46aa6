import { defineService } from '../format';
import { META_GRAPH_ERRORS } from './meta-graph';

/** Messenger Platform Send API: https://developers.facebook.com/docs/messenger-platform/reference/send-api/ */
export const messenger = defineService({
  id: 'messenger',
  name: 'Facebook Messenger',
  category: 'messaging',
  icon: 'messenger',
  description: 'Reply to people who messaged your Facebook Page.',
  docsUrl: 'https://developers.facebook.com/docs/messenger-platform/reference/send-api/',
  auth: {
    type: 'api_key',
    in: 'query',
    name: 'access_token',
    value: '{{credentials.pageAccessToken}}',
  },
  credentials: {
    pageAccessToken: {
      label: 'Page access token',
      help: 'Meta for Developers → your app → Messenger → Settings → Access Tokens → Generate for your Page (pages_messaging).',
      secret: true,
    },
  },
  baseUrl: 'https://graph.facebook.com/v21.0',
  errors: META_GRAPH_ERRORS,
  test: {
    request: { method: 'GET', path: '/me', query: { fields: 'id,name' } },
    accountPath: 'name',
  },
  actions: [
    {
      id: 'message_send',
      name: 'Send a message',
      description:
        'Sends text to a person by their page-scoped id (PSID), within the 24-hour window.',
      input: {
        recipientId: { label: 'Recipient PSID', required: true },
        text: { label: 'Text', type: 'textarea', required: true },
      },
      request: {
        method: 'POST',
        path: '/me/messages',
        body: {
          type: 'json',
          value: {
            recipient: { id: '{{input.recipientId}}' },
            messaging_type: 'RESPONSE',
            message: { text: '{{input.text}}' },
          },
        },
      },
      sample: { recipient_id: '1254477777772919', message_id: 'm_…' },
    },
  ],
});
