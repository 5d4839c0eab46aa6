import { defineService } from '../format';
import { META_APP_SECRET, META_GRAPH_ERRORS, META_VERIFY_TOKEN } from './meta-graph';

/** Lead Ads webhooks and lead retrieval: https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving */
export const facebookLeads = defineService({
  id: 'facebook_leads',
  name: 'Facebook Lead Ads',
  category: 'crm',
  icon: 'facebook',
  description: 'Start workflows from new Lead Ads leads and read their answers.',
  docsUrl: 'https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving',
  auth: {
    type: 'api_key',
    in: 'query',
    name: 'access_token',
    value: '{{credentials.pageAccessToken}}',
  },
  credentials: {
    pageAccessToken: {
      label: 'Page access token',
      help: 'Graph API Explorer or Business settings → System users: a Page token with leads_retrieval and pages_manage_ads.',
      secret: true,
    },
    verifyToken: { ...META_VERIFY_TOKEN, optional: false },
    appSecret: { ...META_APP_SECRET, optional: false },
  },
  baseUrl: 'https://graph.facebook.com/v21.0',
  errors: META_GRAPH_ERRORS,
  test: {
    request: { method: 'GET', path: '/me', query: { fields: 'id,name' } },
    accountPath: 'name',
  },
  actions: [
    {
      id: 'lead_get',
      name: 'Get a lead',
      description: 'The lead’s form answers (field_data) by its leadgen id.',
      sideEffects: false,
      input: {
        leadgenId: {
          label: 'Lead id',
          required: true,
          help: 'From the New lead trigger: {{trigger.leadgen_id}}.',
        },
      },
      request: { method: 'GET', path: '/{{input.leadgenId}}' },
      sample: {
        id: '444',
        created_time: '2026-01-01T00:00:00+0000',
        field_data: [{ name: 'email', values: ['ada@example.com'] }],
      },
    },
  ],
  triggers: [
    {
      kind: 'webhook',
      id: 'lead_new',
      name: 'New lead',
      description:
        'Starts for each new lead. Subscribe the Page to leadgen with this workflow’s public URL and the connection’s verify token.',
      verification: {
        type: 'meta',
        verifyTokenCredential: 'verifyToken',
        appSecretCredential: 'appSecret',
      },
      itemsPath: 'entry[*].changes[*].value',
      idPath: 'leadgen_id',
      summary: 'Lead {{leadgen_id}} from form {{form_id}}',
      sample: {
        leadgen_id: '444',
        page_id: '111',
        form_id: '222',
        ad_id: '333',
        created_time: 1700000000,
      },
    },
  ],
});
