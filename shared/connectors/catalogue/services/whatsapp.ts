import { defineService } from '../format';
import { META_APP_SECRET, META_GRAPH_ERRORS, META_VERIFY_TOKEN } from './meta-graph';

/** WhatsApp Business Cloud API: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages */
export const whatsapp = defineService({
  id: 'whatsapp',
  name: 'WhatsApp Business',
  category: 'messaging',
  icon: 'whatsapp',
  description: 'Send WhatsApp text and template messages; start workflows from incoming messages.',
  docsUrl: 'https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages',
  auth: {
    type: 'api_key',
    in: 'header',
    name: 'authorization',
    value: 'Bearer {{credentials.accessToken}}',
  },
  credentials: {
    accessToken: {
      label: 'Access token',
      help: 'Meta Business Suite → Settings → System users → Generate token (whatsapp_business_messaging); a permanent token, not the 24-hour one.',
      secret: true,
    },
    phoneNumberId: {
      label: 'Phone number ID',
      help: 'Meta for Developers → your app → WhatsApp → API Setup → “Phone number ID” (not the number itself).',
    },
    verifyToken: META_VERIFY_TOKEN,
    appSecret: META_APP_SECRET,
  },
  accountField: 'phoneNumberId',
  baseUrl: 'https://graph.facebook.com/v21.0',
  errors: META_GRAPH_ERRORS,
  test: {
    request: { method: 'GET', path: '/{{credentials.phoneNumberId}}' },
    accountPath: 'display_phone_number',
  },
  actions: [
    {
      id: 'message_send_text',
      name: 'Send a text message',
      description: 'Free-form text: only within 24 hours of the person’s last message to you.',
      input: {
        to: { label: 'To', type: 'phone', phoneFormat: 'digits', required: true },
        text: { label: 'Text', type: 'textarea', required: true },
      },
      request: {
        method: 'POST',
        path: '/{{credentials.phoneNumberId}}/messages',
        body: {
          type: 'json',
          value: {
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: '{{input.to}}',
            type: 'text',
            text: { body: '{{input.text}}' },
          },
        },
      },
      outputPath: 'messages[0]',
      sample: { id: 'wamid.…' },
    },
    {
      id: 'message_send_template',
      name: 'Send a template message',
      description: 'An approved template: the only kind allowed outside the 24-hour window.',
      input: {
        to: { label: 'To', type: 'phone', phoneFormat: 'digits', required: true },
        template: { label: 'Template name', required: true },
        language: { label: 'Language code', default: 'en_US' },
        components: {
          label: 'Components (JSON)',
          type: 'json',
          advanced: true,
          help: 'Header and body parameters, as the Cloud API reference shows.',
        },
      },
      request: {
        method: 'POST',
        path: '/{{credentials.phoneNumberId}}/messages',
        body: {
          type: 'json',
          value: {
            messaging_product: 'whatsapp',
            to: '{{input.to}}',
            type: 'template',
            template: {
              name: '{{input.template}}',
              language: { code: '{{input.language}}' },
              components: '{{input.components}}',
            },
          },
        },
      },
      outputPath: 'messages[0]',
    },
  ],
  triggers: [
    {
      kind: 'webhook',
      id: 'message_received',
      name: 'Incoming message',
      description:
        'Starts for each message sent to your WhatsApp number. In the app’s WhatsApp → Configuration, set the callback URL to this workflow’s public URL and the verify token to the connection’s.',
      verification: {
        type: 'meta',
        verifyTokenCredential: 'verifyToken',
        appSecretCredential: 'appSecret',
      },
      itemsPath: 'entry[*].changes[*].value.messages[*]',
      idPath: 'id',
      summary: '{{from}}: {{text.body}}',
      sample: {
        from: '14155552671',
        id: 'wamid.…',
        timestamp: '1700000000',
        type: 'text',
        text: { body: 'Hi' },
      },
    },
  ],
});
