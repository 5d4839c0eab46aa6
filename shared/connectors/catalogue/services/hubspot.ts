import { defineService } from '../format';

const contactInput = {
  email: { label: 'E-mail', type: 'email' as const, required: true },
  firstname: { label: 'First name' },
  lastname: { label: 'Last name' },
  phone: { label: 'Phone' },
  company: { label: 'Company' },
};
const contactProperties = {
  email: '{{input.email}}',
  firstname: '{{input.firstname}}',
  lastname: '{{input.lastname}}',
  phone: '{{input.phone}}',
  company: '{{input.company}}',
};

/** HubSpot CRM v3 contacts with a private app token: https://developers.hubspot.com/docs/api/crm/contacts */
export const hubspot = defineService({
  id: 'hubspot',
  name: 'HubSpot',
  category: 'crm',
  icon: 'hubspot',
  description: 'Create, update and find HubSpot contacts; start workflows from new contacts.',
  docsUrl: 'https://developers.hubspot.com/docs/api/crm/contacts',
  auth: {
    type: 'api_key',
    in: 'header',
    name: 'authorization',
    value: 'Bearer {{credentials.token}}',
  },
  credentials: {
    token: {
      label: 'Private app access token',
      help: 'HubSpot → Settings → Integrations → Private Apps → Create (scopes crm.objects.contacts.read and .write) → Access token (starts with pat-).',
      secret: true,
      placeholder: 'pat-…',
    },
  },
  baseUrl: 'https://api.hubapi.com',
  // Private apps: 100 requests per 10 seconds.
  limits: { perMinute: 600 },
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'message' },
    { status: [403], code: 'forbidden', messagePath: 'message' },
    { status: [429], code: 'rate_limited', messagePath: 'message' },
    { status: [409], code: 'conflict', messagePath: 'message' },
    { status: [400], code: 'invalid_input', messagePath: 'message' },
  ],
  test: { request: { method: 'GET', path: '/crm/v3/objects/contacts', query: { limit: '1' } } },
  actions: [
    {
      id: 'contact_create',
      name: 'Create a contact',
      description:
        'Creates a contact; an existing e-mail is a conflict (use upsert to update instead).',
      input: contactInput,
      request: {
        method: 'POST',
        path: '/crm/v3/objects/contacts',
        body: { type: 'json', value: { properties: contactProperties } },
      },
      sample: { id: '51', properties: { email: 'ada@example.com' } },
    },
    {
      id: 'contact_upsert',
      name: 'Create or update a contact',
      description: 'Updates the contact with this e-mail, or creates it.',
      input: contactInput,
      request: {
        method: 'POST',
        path: '/crm/v3/objects/contacts/batch/upsert',
        body: {
          type: 'json',
          value: {
            inputs: [{ idProperty: 'email', id: '{{input.email}}', properties: contactProperties }],
          },
        },
      },
      outputPath: 'results[0]',
      sample: { id: '51', properties: { email: 'ada@example.com' } },
    },
    {
      id: 'contact_update',
      name: 'Update a contact',
      description: 'Updates a contact by its HubSpot id.',
      input: {
        id: { label: 'Contact id', required: true },
        ...contactInput,
        email: { label: 'E-mail', type: 'email' },
      },
      request: {
        method: 'PATCH',
        path: '/crm/v3/objects/contacts/{{input.id}}',
        body: { type: 'json', value: { properties: contactProperties } },
      },
    },
    {
      id: 'contact_find_by_email',
      name: 'Find a contact by e-mail',
      description: 'The contact with this e-mail, or null.',
      sideEffects: false,
      input: { email: { label: 'E-mail', type: 'email', required: true } },
      request: {
        method: 'POST',
        path: '/crm/v3/objects/contacts/search',
        body: {
          type: 'json',
          value: {
            filterGroups: [
              { filters: [{ propertyName: 'email', operator: 'EQ', value: '{{input.email}}' }] },
            ],
            limit: 1,
          },
        },
      },
      outputPath: 'results[0]',
    },
  ],
  triggers: [
    {
      kind: 'polling',
      id: 'contact_new',
      name: 'New contact',
      description: 'Fires for each contact created since the last check.',
      request: {
        method: 'POST',
        path: '/crm/v3/objects/contacts/search',
        body: {
          type: 'json',
          value: {
            filterGroups: [
              { filters: [{ propertyName: 'createdate', operator: 'GTE', value: '{{cursor}}' }] },
            ],
            sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
            properties: ['email', 'firstname', 'lastname', 'createdate'],
            limit: 100,
          },
        },
      },
      itemsPath: 'results',
      idPath: 'id',
      cursor: { path: 'properties.createdate', order: 'asc', initial: '1970-01-01T00:00:00Z' },
      pagination: { style: 'cursor', cursorPath: 'paging.next.after', param: 'after', in: 'body' },
      summary: '{{properties.email}}',
    },
  ],
});
