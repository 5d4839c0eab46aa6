import { defineService } from '../format';
import { oauthClient } from './oauth-client';

/** Xero Accounting API (one organisation chosen after sign-in, sent as xero-tenant-id): https://developer.xero.com/documentation/api/accounting/contacts */
export const xero = defineService({
  id: 'xero',
  name: 'Xero',
  category: 'accounting',
  icon: 'xero',
  description: 'Create Xero contacts; start workflows from new invoices.',
  docsUrl: 'https://developer.xero.com/documentation/api/accounting/contacts',
  auth: {
    type: 'oauth2',
    authorizeUrl: 'https://login.xero.com/identity/connect/authorize',
    tokenUrl: 'https://identity.xero.com/connect/token',
    scopes: [
      'openid',
      'profile',
      'email',
      'accounting.contacts',
      'accounting.transactions',
      'offline_access',
    ],
    pkce: true,
    clientAuth: 'basic',
    tenantSelection: {
      request: { method: 'GET', path: '/connections' },
      itemsPath: '',
      idPath: 'tenantId',
      labelPath: 'tenantName',
      storeAs: 'tenantId',
      storeLabelAs: 'tenantName',
      header: 'xero-tenant-id',
    },
    // Xero accepts only a redirect URI registered with the app, exactly.
    fixedRedirectUri: 'http://localhost:47803/oauth2/callback',
  },
  credentials: {
    ...oauthClient(
      'developer.xero.com → My Apps → New app (Web app) → Configuration; generate a secret there.',
    ),
    tenantId: {
      label: 'Organisation',
      help: 'Chosen after sign-in among the organisations you allowed.',
      fromSignIn: true,
    },
    tenantName: {
      label: 'Organisation name',
      help: 'The name of the organisation chosen after sign-in.',
      fromSignIn: true,
    },
  },
  accountField: 'tenantName',
  baseUrl: 'https://api.xero.com',
  // 60 calls per minute per organisation; 5,000 per day.
  limits: { perMinute: 60, perDay: 5000 },
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'Detail' },
    { status: [429], code: 'rate_limited' },
    {
      status: [400],
      code: 'invalid_input',
      messagePath: 'Elements[0].ValidationErrors[0].Message',
    },
  ],
  // The chosen organisation itself (the xero-tenant-id header names it), so the test names it.
  test: {
    request: { method: 'GET', path: '/api.xro/2.0/Organisation' },
    accountPath: 'Organisations[0].Name',
  },
  actions: [
    {
      id: 'contact_create',
      name: 'Create a contact',
      description: 'Creates a contact (names are unique in Xero).',
      input: { name: { label: 'Name', required: true }, email: { label: 'E-mail', type: 'email' } },
      request: {
        method: 'POST',
        path: '/api.xro/2.0/Contacts',
        body: {
          type: 'json',
          value: { Contacts: [{ Name: '{{input.name}}', EmailAddress: '{{input.email}}' }] },
        },
      },
      outputPath: 'Contacts[0]',
    },
  ],
  triggers: [
    {
      kind: 'polling',
      id: 'invoice_new',
      name: 'New invoice',
      description: 'Fires for each invoice created since the last check.',
      request: {
        method: 'GET',
        path: '/api.xro/2.0/Invoices',
        query: { order: 'InvoiceNumber ASC' },
      },
      itemsPath: 'Invoices',
      idPath: 'InvoiceID',
      cursor: { path: 'InvoiceNumber', order: 'asc' },
      pagination: { style: 'page', param: 'page', sizeParam: 'pageSize', size: 100 },
      summary: '{{InvoiceNumber}} {{Contact.Name}}: {{Total}}',
    },
  ],
});
