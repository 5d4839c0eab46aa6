import { defineService } from '../format';

/** Mailchimp Marketing API: https://mailchimp.com/developer/marketing/api/list-members/add-or-update-list-member/ */
export const mailchimp = defineService({
  id: 'mailchimp',
  name: 'Mailchimp',
  category: 'email',
  icon: 'mailchimp',
  description: 'Add or update audience members in Mailchimp.',
  docsUrl: 'https://mailchimp.com/developer/marketing/api/list-members/add-or-update-list-member/',
  auth: { type: 'basic', username: 'switchyard', password: '{{credentials.apiKey}}' },
  credentials: {
    apiKey: {
      label: 'API key',
      help: 'Mailchimp → Profile → Extras → API keys → Create A Key. It ends with your data centre, e.g. -us6.',
      secret: true,
      pattern: {
        regex: '^[0-9a-f]+-[a-z]+\\d+$',
        message: 'must look like 0123abcd…-us6 (the key, a dash and the data centre)',
      },
    },
  },
  // The data centre is the key's suffix: https://<dc>.api.mailchimp.com
  derive: 'mailchimpDataCenter',
  baseUrl: 'https://{{derived.dc}}.api.mailchimp.com/3.0',
  // Mailchimp allows 10 simultaneous connections per user; requests are spread out.
  limits: { perMinute: 300 },
  errors: [
    { status: [401], code: 'auth_expired', messagePath: 'detail' },
    { status: [403], code: 'forbidden', messagePath: 'detail' },
    { status: [429], code: 'rate_limited', messagePath: 'detail' },
    { status: [400], code: 'invalid_input', messagePath: 'detail' },
    { status: [404], code: 'not_found', messagePath: 'detail' },
  ],
  test: { request: { method: 'GET', path: '/ping' }, accountPath: 'health_status' },
  actions: [
    {
      id: 'member_upsert',
      name: 'Add or update an audience member',
      description: 'Adds the address to the audience, or updates the member it already is.',
      input: {
        listId: {
          label: 'Audience id',
          required: true,
          help: 'Audience → Settings → Audience name and defaults → Audience ID.',
        },
        email: { label: 'E-mail', type: 'email', required: true },
        status: {
          label: 'Status for new members',
          type: 'select',
          default: 'subscribed',
          options: [
            { value: 'subscribed', label: 'Subscribed' },
            { value: 'pending', label: 'Pending (double opt-in)' },
            { value: 'transactional', label: 'Transactional' },
          ],
        },
        firstName: { label: 'First name' },
        lastName: { label: 'Last name' },
      },
      prepare: 'mailchimpSubscriberHash',
      request: {
        method: 'PUT',
        path: '/lists/{{input.listId}}/members/{{input.subscriberHash}}',
        body: {
          type: 'json',
          value: {
            email_address: '{{input.email}}',
            status_if_new: '{{input.status}}',
            merge_fields: { FNAME: '{{input.firstName}}', LNAME: '{{input.lastName}}' },
          },
        },
      },
      sample: { id: '…', email_address: 'ada@example.com', status: 'subscribed' },
    },
  ],
});
