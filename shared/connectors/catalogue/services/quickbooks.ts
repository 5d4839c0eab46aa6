import { defineService } from '../format';
import { oauthClient } from './oauth-client';

/** QuickBooks Online Accounting API (company = realmId from the sign-in redirect): https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/customer */
export const quickbooks = defineService({
  id: 'quickbooks',
  name: 'QuickBooks Online',
  category: 'accounting',
  icon: 'quickbooks',
  description: 'Create QuickBooks customers; start workflows from new invoices.',
  docsUrl:
    'https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/customer',
  auth: {
    type: 'oauth2',
    authorizeUrl: 'https://appcenter.intuit.com/connect/oauth2',
    tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
    scopes: ['com.intuit.quickbooks.accounting'],
    pkce: false,
    // Intuit accepts only a redirect URI registered with the app, exactly (localhost: development keys).
    fixedRedirectUri: 'http://localhost:47804/oauth2/callback',
    clientAuth: 'basic',
    // The company chosen at sign-in comes back as ?realmId= on the redirect.
    keepFromRedirect: { realmId: 'realmId' },
  },
  credentials: {
    ...oauthClient(
      'developer.intuit.com → Dashboard → your app → Keys & credentials (Production or Development).',
    ),
    realmId: {
      label: 'Company ID',
      help: 'Set by the sign-in (the company you chose).',
      fromSignIn: true,
    },
  },
  accountField: 'clientId',
  regions: [
    {
      value: 'production',
      label: 'Production',
      values: { api: 'https://quickbooks.api.intuit.com' },
    },
    {
      value: 'sandbox',
      label: 'Sandbox',
      values: { api: 'https://sandbox-quickbooks.api.intuit.com' },
    },
  ],
  baseUrl: '{{region.api}}/v3/company/{{credentials.realmId}}',
  // 500 requests per minute per company.
  limits: { perMinute: 500 },
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'fault.error[0].message' },
    { status: [429], code: 'rate_limited', messagePath: 'Fault.Error[0].Message' },
    { status: [400], code: 'invalid_input', messagePath: 'Fault.Error[0].Detail' },
  ],
  test: {
    request: {
      method: 'GET',
      path: '/companyinfo/{{credentials.realmId}}',
      query: { minorversion: '73' },
    },
    accountPath: 'CompanyInfo.CompanyName',
  },
  actions: [
    {
      id: 'customer_create',
      name: 'Create a customer',
      description: 'Creates a customer (display names are unique in QuickBooks).',
      input: {
        displayName: { label: 'Display name', required: true },
        email: { label: 'E-mail', type: 'email' },
        phone: { label: 'Phone' },
      },
      request: {
        method: 'POST',
        path: '/customer',
        query: { minorversion: '73' },
        body: {
          type: 'json',
          value: {
            DisplayName: '{{input.displayName}}',
            PrimaryEmailAddr: { Address: '{{input.email}}' },
            PrimaryPhone: { FreeFormNumber: '{{input.phone}}' },
          },
        },
      },
      outputPath: 'Customer',
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
        path: '/query',
        query: {
          query:
            "select * from Invoice where MetaData.CreateTime >= '{{cursor}}' order by MetaData.CreateTime asc maxresults 100",
          minorversion: '73',
        },
      },
      itemsPath: 'QueryResponse.Invoice',
      idPath: 'Id',
      cursor: { path: 'MetaData.CreateTime', order: 'asc', initial: '1970-01-01T00:00:00Z' },
      summary: 'Invoice {{DocNumber}}: {{TotalAmt}}',
    },
  ],
});
