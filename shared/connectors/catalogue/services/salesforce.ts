import { defineService } from '../format';
import { oauthClient } from './oauth-client';

/** Salesforce REST API (instance_url from the token answer): https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/ */
export const salesforce = defineService({
  id: 'salesforce',
  name: 'Salesforce',
  category: 'crm',
  icon: 'salesforce',
  description: 'Create Salesforce leads and contacts and find contacts by e-mail.',
  docsUrl: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/',
  auth: {
    type: 'oauth2',
    authorizeUrl: 'https://login.salesforce.com/services/oauth2/authorize',
    tokenUrl: 'https://login.salesforce.com/services/oauth2/token',
    scopes: ['api', 'refresh_token'],
    pkce: true,
    // Connected apps accept only their registered callback URL, exactly.
    fixedRedirectUri: 'http://localhost:47801/oauth2/callback',
    // Every org has its own API host, named in the token answer.
    keepFromToken: { instanceUrl: 'instance_url' },
  },
  credentials: {
    ...oauthClient(
      'Setup → App Manager → New Connected App → Enable OAuth Settings; “Consumer Key” and “Consumer Secret”.',
    ),
    instanceUrl: {
      label: 'Instance URL',
      help: 'Set by the sign-in (the org’s own host).',
      fromSignIn: true,
    },
  },
  accountField: 'clientId',
  baseUrl: '{{credentials.instanceUrl}}/services/data/v61.0',
  errors: [
    {
      match: { path: '0.errorCode', in: ['INVALID_SESSION_ID'] },
      code: 'auth_expired',
      messagePath: '0.message',
    },
    {
      match: { path: '0.errorCode', in: ['REQUEST_LIMIT_EXCEEDED'] },
      code: 'quota_exceeded',
      messagePath: '0.message',
    },
    { status: [400], code: 'invalid_input', messagePath: '0.message' },
    { status: [401], code: 'auth_expired', messagePath: '0.message' },
    { status: [429], code: 'rate_limited', messagePath: '0.message' },
  ],
  test: { request: { method: 'GET', path: '/limits' } },
  actions: [
    {
      id: 'lead_create',
      name: 'Create a lead',
      description: 'Creates a lead (last name and company are required by Salesforce).',
      input: {
        lastName: { label: 'Last name', required: true },
        firstName: { label: 'First name' },
        company: { label: 'Company', required: true },
        email: { label: 'E-mail', type: 'email' },
      },
      request: {
        method: 'POST',
        path: '/sobjects/Lead',
        body: {
          type: 'json',
          value: {
            LastName: '{{input.lastName}}',
            FirstName: '{{input.firstName}}',
            Company: '{{input.company}}',
            Email: '{{input.email}}',
          },
        },
      },
    },
    {
      id: 'contact_create',
      name: 'Create a contact',
      description: 'Creates a contact.',
      input: {
        lastName: { label: 'Last name', required: true },
        firstName: { label: 'First name' },
        email: { label: 'E-mail', type: 'email' },
      },
      request: {
        method: 'POST',
        path: '/sobjects/Contact',
        body: {
          type: 'json',
          value: {
            LastName: '{{input.lastName}}',
            FirstName: '{{input.firstName}}',
            Email: '{{input.email}}',
          },
        },
      },
    },
    {
      id: 'contact_find_by_email',
      name: 'Find a contact by e-mail',
      description: 'The first contact with this e-mail, or null.',
      sideEffects: false,
      input: { email: { label: 'E-mail', type: 'email', required: true } },
      prepare: 'soqlEmail',
      request: {
        method: 'GET',
        path: '/query',
        query: {
          q: "SELECT Id, FirstName, LastName, Email FROM Contact WHERE Email = '{{input.emailSoql}}' LIMIT 1",
        },
      },
      outputPath: 'records[0]',
    },
  ],
});
