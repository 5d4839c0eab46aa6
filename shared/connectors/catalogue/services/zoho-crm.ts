import { defineService } from '../format';
import { oauthClient } from './oauth-client';

const DC = (value: string, label: string, tld: string) => ({
  value,
  label,
  values: { accounts: `https://accounts.zoho.${tld}`, api: `https://www.zohoapis.${tld}` },
});

const leadInput = {
  lastName: { label: 'Last name', required: true },
  firstName: { label: 'First name' },
  email: { label: 'E-mail', type: 'email' as const },
  company: { label: 'Company' },
  phone: { label: 'Phone' },
};
const leadRecord = {
  Last_Name: '{{input.lastName}}',
  First_Name: '{{input.firstName}}',
  Email: '{{input.email}}',
  Company: '{{input.company}}',
  Phone: '{{input.phone}}',
};

/** Zoho CRM v6 (data centres per region): https://www.zoho.com/crm/developer/docs/api/v6/ */
export const zohoCrm = defineService({
  id: 'zoho_crm',
  name: 'Zoho CRM',
  category: 'crm',
  icon: 'zoho',
  description:
    'Create, upsert and search Zoho CRM leads and contacts; start workflows from new leads.',
  docsUrl: 'https://www.zoho.com/crm/developer/docs/api/v6/',
  auth: {
    type: 'oauth2',
    authorizeUrl: '{{region.accounts}}/oauth/v2/auth',
    tokenUrl: '{{region.accounts}}/oauth/v2/token',
    scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'],
    pkce: false,
    tokenPrefix: 'Zoho-oauthtoken',
    // A server-based client accepts only the redirect URI registered in Zoho's API console.
    fixedRedirectUri: 'http://localhost:47805/oauth2/callback',
    extraAuthorizeParams: { access_type: 'offline', prompt: 'consent' },
  },
  credentials: oauthClient(
    'api-console.zoho.com (of your data centre) → Add Client → Server-based Applications.',
  ),
  accountField: 'clientId',
  regions: [
    DC('us', 'United States (zoho.com)', 'com'),
    DC('eu', 'Europe (zoho.eu)', 'eu'),
    DC('in', 'India (zoho.in)', 'in'),
    DC('au', 'Australia (zoho.com.au)', 'com.au'),
    DC('jp', 'Japan (zoho.jp)', 'jp'),
    DC('ca', 'Canada (zohocloud.ca)', 'ca'),
  ],
  baseUrl: '{{region.api}}/crm/v6',
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'message' },
    { status: [429], code: 'rate_limited', messagePath: 'message' },
    {
      match: {
        path: 'data[0].code',
        in: ['MANDATORY_NOT_FOUND', 'INVALID_DATA', 'DUPLICATE_DATA'],
      },
      code: 'invalid_input',
      messagePath: 'data[0].message',
    },
    { status: [400], code: 'invalid_input', messagePath: 'message' },
  ],
  test: {
    request: { method: 'GET', path: '/users', query: { type: 'CurrentUser' } },
    accountPath: 'users[0].email',
  },
  actions: [
    {
      id: 'lead_create',
      name: 'Create a lead',
      description: 'Creates a lead.',
      input: leadInput,
      request: {
        method: 'POST',
        path: '/Leads',
        body: { type: 'json', value: { data: [leadRecord] } },
      },
      outputPath: 'data[0].details',
    },
    {
      id: 'lead_upsert',
      name: 'Create or update a lead',
      description: 'Updates the lead with this e-mail, or creates it.',
      input: leadInput,
      request: {
        method: 'POST',
        path: '/Leads/upsert',
        body: { type: 'json', value: { data: [leadRecord], duplicate_check_fields: ['Email'] } },
      },
      outputPath: 'data[0].details',
    },
    {
      id: 'contact_create',
      name: 'Create a contact',
      description: 'Creates a contact.',
      input: leadInput,
      request: {
        method: 'POST',
        path: '/Contacts',
        body: { type: 'json', value: { data: [leadRecord] } },
      },
      outputPath: 'data[0].details',
    },
    {
      id: 'lead_search',
      name: 'Find a lead by e-mail',
      description: 'The first lead with this e-mail, or null.',
      sideEffects: false,
      input: { email: { label: 'E-mail', type: 'email', required: true } },
      request: { method: 'GET', path: '/Leads/search', query: { email: '{{input.email}}' } },
      outputPath: 'data[0]',
    },
  ],
  triggers: [
    {
      kind: 'polling',
      id: 'lead_new',
      name: 'New lead',
      description: 'Fires for each lead created since the last check.',
      request: {
        method: 'GET',
        path: '/Leads',
        query: {
          fields: 'Last_Name,First_Name,Email,Company,Created_Time',
          sort_by: 'Created_Time',
          sort_order: 'desc',
          per_page: '200',
        },
      },
      itemsPath: 'data',
      idPath: 'id',
      cursor: { path: 'Created_Time', order: 'desc' },
      pagination: { style: 'page', param: 'page', sizeParam: 'per_page', size: 200 },
      summary: '{{First_Name}} {{Last_Name}} {{Email}}',
    },
  ],
});
