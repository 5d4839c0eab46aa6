import type { ErrorRule } from '../format';

/** Graph API errors: https://developers.facebook.com/docs/graph-api/guides/error-handling */
export const META_GRAPH_ERRORS: ErrorRule[] = [
  {
    match: { path: 'error.code', in: [190, 102] },
    code: 'auth_expired',
    messagePath: 'error.message',
  },
  {
    match: { path: 'error.code', in: [4, 17, 32, 613, 80007, 130429, 131048, 131056] },
    code: 'rate_limited',
    messagePath: 'error.message',
  },
  {
    match: { path: 'error.code', in: [10, 200, 299] },
    code: 'forbidden',
    messagePath: 'error.message',
  },
  { status: [400], code: 'invalid_input', messagePath: 'error.message' },
  { status: [401], code: 'auth_expired', messagePath: 'error.message' },
  { status: [429], code: 'rate_limited', messagePath: 'error.message' },
];

export const META_VERIFY_TOKEN = {
  label: 'Webhook verify token',
  help: 'Any text you choose; type the same in the app’s Webhooks settings (“Verify token”) when you subscribe.',
  secret: true,
  optional: true,
};
export const META_APP_SECRET = {
  label: 'App secret',
  help: 'Meta for Developers → your app → App settings → Basic → App secret. It signs webhooks (X-Hub-Signature-256).',
  secret: true,
  optional: true,
};
