import { z } from 'zod';

/**
 * Connection kinds: what an account of each kind needs (its credential form, as zod), which of
 * those fields are secrets (sealed by the vault, never sent to the renderer), and how the
 * renderer draws the form. Pure data, shared by the engine and the renderer.
 */
export interface CredentialField {
  label: string;
  help?: string;
  placeholder?: string;
  widget?: 'text' | 'password' | 'number' | 'select' | 'switch' | 'textarea' | 'url';
  options?: readonly { value: string; label: string }[];
  /** Sealed by the vault; the renderer sees only whether it is set. */
  secret?: boolean;
  /** Made by Switchyard (e.g. a signing secret), never typed in; shown once when made. */
  generated?: boolean;
  advanced?: boolean;
}

export interface ConnectionKindDescriptor {
  id: string;
  name: string;
  description: string;
  /** What the operator types in (generated fields are not part of it). */
  credentials: z.ZodObject;
  order: readonly string[];
  fields: Readonly<Record<string, CredentialField>>;
  /** The non-secret field that names the account in lists ("ada@example.com", a host). */
  accountField?: string;
  /** The "Test connection" button's label, or absent when the kind cannot be tested. */
  testLabel?: string;
  /**
   * The operator signs in through the browser (OAuth authorization code): the form shows a
   * "Sign in with …" button. A kind with a `grant` field signs in only for that grant.
   */
  oauth?: boolean;
  /**
   * Plain fields the browser sign-in fills in (an instance URL, a company or organisation id):
   * never typed, kept when the form is saved again with the same OAuth client.
   */
  signInFields?: readonly string[];
  /** The redirect URI the service accepts only as registered (the `redirectUri` field overrides it). */
  fixedRedirectUri?: string;
  /** The service's request limits per account, when known (shown against usage in Health). */
  limits?: { perMinute?: number; perDay?: number };
}

const Text = (label: string, max = 500) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max);
const Secret = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .min(1, `${label} is required`)
    .max(8192);
const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(2000);
const TestUrl = HttpUrl.optional();

const testUrlField: CredentialField = {
  label: 'Test URL',
  widget: 'url',
  placeholder: 'https://api.example.com/me',
  help: '“Test connection” sends a GET here with these credentials; any 2xx answer passes.',
};

export const HttpBasicCredentials = z.object({
  username: Text('Username', 300),
  password: Secret('Password'),
  testUrl: TestUrl,
});

export const HttpBearerCredentials = z.object({
  token: Secret('Token'),
  testUrl: TestUrl,
});

export const HttpApiKeyCredentials = z.object({
  key: Secret('API key'),
  in: z.enum(['header', 'query']).default('header'),
  name: z
    .string()
    .trim()
    .min(1, 'Header or parameter name is required')
    .max(100)
    .regex(/^[A-Za-z0-9_.~-]+$/, 'must be letters, digits, _ . ~ or -')
    .default('X-API-Key'),
  testUrl: TestUrl,
});

export const SmtpSecurity = z.enum(['tls', 'starttls', 'none']);
export const SmtpCredentials = z.object({
  host: Text('Host', 253).regex(
    /^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/,
    'must be a host name or IP address',
  ),
  port: z.coerce
    .number()
    .int()
    .min(1, 'must be 1–65535')
    .max(65535, 'must be 1–65535')
    .default(587),
  security: SmtpSecurity.default('starttls'),
  username: z.string().trim().max(300).optional(),
  password: z.string().max(8192).optional(),
  fromAddress: z
    .email('must be an e-mail address')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export const WebhookEndpointCredentials = z.object({
  url: HttpUrl,
});
/** What the engine stores for a webhook endpoint: the URL and the signing secret it made. */
export const WebhookEndpointStored = WebhookEndpointCredentials.extend({
  secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/),
});

export const OAuth2Credentials = z.object({
  grant: z.enum(['authorization_code', 'client_credentials']).default('authorization_code'),
  clientId: Text('Client ID', 500),
  clientSecret: z.string().max(8192).optional(),
  authorizeUrl: HttpUrl.optional(),
  tokenUrl: HttpUrl,
  scopes: z.string().max(2000).default(''),
  pkce: z.boolean().default(true),
  testUrl: TestUrl,
});
/** Tokens an OAuth flow or token request stored beside the client credentials (all sealed). */
export const OAuth2Tokens = z.object({
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  /** ms since epoch */
  expiresAt: z.number().optional(),
});

export const httpBasicKind: ConnectionKindDescriptor = {
  id: 'http_basic',
  name: 'HTTP — username and password',
  description: 'Any API that takes HTTP Basic authentication.',
  credentials: HttpBasicCredentials,
  order: ['username', 'password', 'testUrl'],
  fields: {
    username: { label: 'Username' },
    password: { label: 'Password', widget: 'password', secret: true },
    testUrl: testUrlField,
  },
  accountField: 'username',
  testLabel: 'Test connection',
};

export const httpBearerKind: ConnectionKindDescriptor = {
  id: 'http_bearer',
  name: 'HTTP — bearer token',
  description: 'Any API that takes `Authorization: Bearer <token>` (personal access tokens, JWTs).',
  credentials: HttpBearerCredentials,
  order: ['token', 'testUrl'],
  fields: {
    token: { label: 'Token', widget: 'password', secret: true },
    testUrl: testUrlField,
  },
  testLabel: 'Test connection',
};

export const httpApiKeyKind: ConnectionKindDescriptor = {
  id: 'http_api_key',
  name: 'HTTP — API key',
  description: 'Any API that takes a key in a header or a query parameter.',
  credentials: HttpApiKeyCredentials,
  order: ['key', 'in', 'name', 'testUrl'],
  fields: {
    key: { label: 'API key', widget: 'password', secret: true },
    in: {
      label: 'Send the key in',
      widget: 'select',
      options: [
        { value: 'header', label: 'A header' },
        { value: 'query', label: 'A query parameter' },
      ],
    },
    name: {
      label: 'Header or parameter name',
      placeholder: 'X-API-Key',
      help: 'As the service’s API reference names it, e.g. X-API-Key or api_key.',
    },
    testUrl: testUrlField,
  },
  accountField: 'name',
  testLabel: 'Test connection',
};

export const smtpKind: ConnectionKindDescriptor = {
  id: 'smtp',
  name: 'E-mail (SMTP)',
  description: 'Send e-mail through your mail provider’s SMTP server.',
  credentials: SmtpCredentials,
  order: ['host', 'port', 'security', 'username', 'password', 'fromAddress'],
  fields: {
    host: { label: 'SMTP server', placeholder: 'smtp.example.com' },
    port: { label: 'Port', widget: 'number', help: '465 for TLS, 587 for STARTTLS, 25 for none.' },
    security: {
      label: 'Security',
      widget: 'select',
      options: [
        { value: 'tls', label: 'TLS (port 465)' },
        { value: 'starttls', label: 'STARTTLS (port 587)' },
        { value: 'none', label: 'None — only for a server on this machine' },
      ],
    },
    username: { label: 'Username' },
    password: { label: 'Password', widget: 'password', secret: true },
    fromAddress: {
      label: 'Default sender address',
      placeholder: 'you@example.com',
      help: 'Used when a step does not say who the e-mail is from.',
    },
  },
  accountField: 'username',
  testLabel: 'Test connection',
};

export const webhookEndpointKind: ConnectionKindDescriptor = {
  id: 'webhook_endpoint',
  name: 'Webhook endpoint',
  description:
    'A URL Switchyard sends signed events to (Standard Webhooks). Switchyard makes the signing secret; give it to the receiver.',
  credentials: WebhookEndpointCredentials,
  order: ['url', 'secret'],
  fields: {
    url: {
      label: 'Endpoint URL',
      widget: 'url',
      placeholder: 'https://example.com/hooks/switchyard',
    },
    secret: {
      label: 'Signing secret',
      secret: true,
      generated: true,
      help: 'Made by Switchyard and shown once. The receiver verifies webhook-signature with it.',
    },
  },
  accountField: 'url',
  testLabel: 'Send test event',
};

export const oauth2Kind: ConnectionKindDescriptor = {
  id: 'oauth2',
  name: 'OAuth 2.0 (generic)',
  description:
    'Any API that uses OAuth 2.0. Client-credentials connections fetch their own tokens; authorization-code connections sign in through the browser.',
  credentials: OAuth2Credentials,
  order: [
    'grant',
    'clientId',
    'clientSecret',
    'authorizeUrl',
    'tokenUrl',
    'scopes',
    'pkce',
    'testUrl',
  ],
  fields: {
    grant: {
      label: 'Grant',
      widget: 'select',
      options: [
        { value: 'authorization_code', label: 'Sign in through the browser (authorization code)' },
        { value: 'client_credentials', label: 'Server to server (client credentials)' },
      ],
    },
    clientId: { label: 'Client ID' },
    clientSecret: { label: 'Client secret', widget: 'password', secret: true },
    authorizeUrl: { label: 'Authorization URL', widget: 'url' },
    tokenUrl: { label: 'Token URL', widget: 'url' },
    scopes: { label: 'Scopes', placeholder: 'read write', help: 'Separated by spaces.' },
    pkce: { label: 'Use PKCE', widget: 'switch', advanced: true },
    testUrl: testUrlField,
  },
  accountField: 'clientId',
  testLabel: 'Test connection',
  oauth: true,
};

/** Fields of the OAuth2 tokens that are always sealed, whatever kind stores them. */
export const OAUTH2_TOKEN_FIELDS = ['accessToken', 'refreshToken'] as const;

/**
 * How a kind signs in through the browser (authorization code with PKCE and a loopback
 * redirect), for kinds that do. The form shows `label` instead of a plain Save button.
 */
export interface OAuthSignIn {
  label: string;
  /** Only when this field has this value (e.g. the generic kind's grant). */
  when?: { field: string; equals: string };
  /** Numbered steps for making the OAuth client the user brings. */
  setupSteps?: readonly string[];
}

/** Kinds that sign in through the browser, by kind id (read by the connection form). */
export const OAUTH_SIGN_IN: Readonly<Record<string, OAuthSignIn>> = {
  oauth2: {
    label: 'Sign in',
    when: { field: 'grant', equals: 'authorization_code' },
    setupSteps: [
      'Register an OAuth application with the service (often under Settings → Developer or API).',
      'Add http://127.0.0.1 as a redirect URI (any port: Switchyard picks a free one each time).',
      'Copy its client ID (and secret, if it has one) and its authorization and token URLs here.',
    ],
  },
  google: {
    label: 'Sign in with Google',
    setupSteps: [
      'Open console.cloud.google.com and create (or choose) a project.',
      'APIs & Services → Library: enable the Google Sheets API, Google Drive API and Google Calendar API.',
      'APIs & Services → OAuth consent screen: choose “External”, fill in the app name and your e-mail, and add yourself as a test user.',
      'APIs & Services → Credentials → Create credentials → OAuth client ID → Application type “Desktop app”.',
      'Copy the client ID and client secret into this form, then sign in. Add more Google accounts the same way: one connection each.',
    ],
  },
};

/** The scopes Switchyard asks Google for: Sheets, reading Drive (file list, versions), Calendar, e-mail. */
export const GOOGLE_SCOPES = [
  'openid',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://www.googleapis.com/auth/calendar',
] as const;

export const GoogleCredentials = z.object({
  /** Optional only when the build embeds a default client (SWITCHYARD_GOOGLE_CLIENT_ID). */
  clientId: z.string().trim().max(500).optional(),
  clientSecret: z.string().max(8192).optional(),
  /** Where Google lives: empty for Google itself; a local Google (tests, development) otherwise. */
  apiRootUrl: HttpUrl.optional(),
});

export const googleKind: ConnectionKindDescriptor = {
  id: 'google',
  name: 'Google account',
  description:
    'Google Sheets, Drive and Calendar, signed in through the browser with your own OAuth client. Add one connection per Google account.',
  credentials: GoogleCredentials,
  order: ['clientId', 'clientSecret', 'apiRootUrl'],
  fields: {
    clientId: {
      label: 'OAuth client ID',
      placeholder: '1234567890-abc.apps.googleusercontent.com',
      help: 'From a “Desktop app” OAuth client in your Google Cloud project (steps below). Leave empty to use the client built into this copy of Switchyard, if it has one.',
    },
    clientSecret: {
      label: 'OAuth client secret',
      widget: 'password',
      secret: true,
      help: 'Shown beside the client ID in the Google Cloud console.',
    },
    apiRootUrl: {
      label: 'Google address',
      widget: 'url',
      advanced: true,
      placeholder: 'https://www.googleapis.com/',
      help: 'Leave empty. Only for a local stand-in for Google (testing).',
    },
  },
  testLabel: 'Test connection',
  oauth: true,
  limits: { perMinute: 60 },
};
