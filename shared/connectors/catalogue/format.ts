import { z } from 'zod';
import { ConnectorErrorCode } from '../errors';

/**
 * The declarative connector format: a service described as data (validated by zod when the
 * catalogue loads). The engine's one generic runtime (electron/engine/connectors/catalogue)
 * executes it; shared/connectors/catalogue/build.ts turns it into a ConnectorDescriptor and a
 * connection kind, so the palette, inspector and connection form render it unchanged.
 *
 * Templates: any string in a request may hold `{{path}}` placeholders over the scope
 * `{ input, credentials, region, derived, cursor, idempotencyKey }`. A string that is exactly one
 * placeholder keeps the value's type; a JSON body key whose value renders to undefined or '' is
 * left out, so optional inputs need no special casing; an object with `"$if": "{{…}}"` is left
 * out when that renders blank (an optional entry of a list).
 */

/** A redirect URI the app itself can receive: http on this computer, with an explicit port. */
export function isLoopbackRedirect(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    url.protocol === 'http:' &&
    (url.hostname === 'localhost' || url.hostname === '127.0.0.1') &&
    url.port !== '' &&
    url.search === '' &&
    url.hash === ''
  );
}

const Slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower case letters, digits and _');
const OperationId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower case letters, digits and _');
const Text = z.string().min(1).max(2000);

export const CatalogueCategory = z.enum([
  'crm',
  'messaging',
  'email',
  'calendar',
  'accounting',
  'cloud',
  'webhooks',
  'developer',
]);

/** One field of an operation's config, as the inspector draws it and the runtime reads it. */
export const InputField = z.object({
  label: Text,
  type: z
    .enum(['text', 'textarea', 'number', 'boolean', 'email', 'phone', 'url', 'select', 'json'])
    .default('text'),
  required: z.boolean().default(false),
  help: z.string().optional(),
  placeholder: z.string().optional(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  advanced: z.boolean().default(false),
  /** Phone fields: E.164 with its + (default) or the same digits without it (Vonage). */
  phoneFormat: z.enum(['e164', 'digits']).default('e164'),
});
export type InputField = z.infer<typeof InputField>;

/** What the operator types in for a connection of this service. */
export const CredentialSpec = z.object({
  label: Text,
  /** Where to find it in the service: every credential says. */
  help: Text,
  secret: z.boolean().default(false),
  optional: z.boolean().default(false),
  placeholder: z.string().optional(),
  pattern: z.object({ regex: z.string(), message: z.string() }).optional(),
  widget: z.enum(['text', 'password', 'url', 'select']).optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  /** Filled in by the sign-in (tokens, instance URL, realm id), not typed by the operator. */
  fromSignIn: z.boolean().default(false),
});
export type CredentialSpec = z.infer<typeof CredentialSpec>;

export const RequestTemplate = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  /** Appended to the base URL; an absolute http(s) URL (after rendering) is used as is. */
  path: z.string().min(1),
  query: z.record(z.string(), z.string()).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('json'), value: z.unknown() }),
      z.object({ type: z.literal('form'), value: z.record(z.string(), z.string()) }),
    ])
    .optional(),
});
export type RequestTemplate = z.infer<typeof RequestTemplate>;

export const Pagination = z.discriminatedUnion('style', [
  z.object({ style: z.literal('none') }),
  /** The response names the next page's cursor; it is sent back as a query parameter. */
  z.object({
    style: z.literal('cursor'),
    cursorPath: z.string(),
    param: z.string(),
    /** Sent as a query parameter, or as a field of the JSON body (search endpoints). */
    in: z.enum(['query', 'body']).default('query'),
  }),
  /** The response holds the next page's URL (absolute, or relative to the base URL's origin). */
  z.object({ style: z.literal('next_url'), nextPath: z.string() }),
  /**
   * A delta query (Microsoft Graph): the first request opens a round, `nextPath` pages follow,
   * the last page's `deltaPath` link is kept as the cursor and asked next time for the changes
   * since. Items holding `removedPath` are removals and never fire. A `restartStatus` answer to a
   * kept link (410 syncStateNotFound) starts a new round that fires only what is past the cursor.
   */
  z.object({
    style: z.literal('delta'),
    nextPath: z.string(),
    deltaPath: z.string(),
    removedPath: z.string().optional(),
    restartStatus: z.array(z.number().int().min(400).max(599)).default([410]),
    /** A time window the round is fixed to, from the poll's clock (calendarView's start/end). */
    window: z
      .object({
        startParam: z.string(),
        endParam: z.string(),
        daysBack: z.number().int().min(0).max(3650),
        daysAhead: z.number().int().min(1).max(3650),
      })
      .optional(),
  }),
  /** Numbered pages; a page shorter than `size` is the last. */
  z.object({
    style: z.literal('page'),
    param: z.string(),
    sizeParam: z.string(),
    size: z.number().int().min(1),
    first: z.number().int().min(0).default(1),
  }),
]);
export type Pagination = z.infer<typeof Pagination>;

/** Which failed answers mean what: checked in order before the HTTP layer's defaults. */
export const ErrorRule = z.object({
  status: z.array(z.number().int().min(400).max(599)).optional(),
  /** A value in the error body, e.g. `{ path: 'code', in: [20003] }` (Twilio's auth error). */
  match: z
    .object({
      path: z.string(),
      in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
    })
    .optional(),
  code: ConnectorErrorCode,
  /** Where the service's own message is in the body (default: the common shapes). */
  messagePath: z.string().optional(),
  /** Headers holding the wait in seconds when Retry-After is absent (Azure's x-ms-ratelimit-*). */
  retryAfterHeaders: z.array(z.string()).optional(),
});
export type ErrorRule = z.infer<typeof ErrorRule>;

const OAuth2Auth = z.object({
  type: z.literal('oauth2'),
  /** May use `{{region.…}}` for services with data centres (Zoho). */
  authorizeUrl: z.string().min(1),
  tokenUrl: z.string().min(1),
  scopes: z.array(z.string()),
  pkce: z.boolean(),
  /** The Authorization scheme before the token (Zoho: `Zoho-oauthtoken`). */
  tokenPrefix: z.string().default('Bearer'),
  /** How the client id and secret reach the token endpoint. */
  clientAuth: z.enum(['body', 'basic']).default('body'),
  /**
   * The service only accepts a redirect URI registered in its console, exactly (port included):
   * the sign-in listens on this loopback address instead of a port the OS picks.
   */
  fixedRedirectUri: z
    .string()
    .refine(isLoopbackRedirect, 'must be http://localhost:PORT/… or http://127.0.0.1:PORT/…')
    .optional(),
  extraAuthorizeParams: z.record(z.string(), z.string()).optional(),
  /** Token response fields kept as credentials (Salesforce instance_url, Zoho api_domain). */
  keepFromToken: z.record(z.string(), z.string()).optional(),
  /** Query parameters of the redirect kept as credentials (QuickBooks realmId). */
  keepFromRedirect: z.record(z.string(), z.string()).optional(),
  /** After sign-in the operator picks one of several accounts (Xero organisations). */
  tenantSelection: z
    .object({
      request: RequestTemplate,
      itemsPath: z.string(),
      idPath: z.string(),
      labelPath: z.string(),
      /** Credential the chosen id is stored in. */
      storeAs: z.string(),
      /** Credential the chosen one's name is stored in (it names the connection's account). */
      storeLabelAs: z.string().optional(),
      /** Header carrying the chosen id on every API call (Xero: `xero-tenant-id`). */
      header: z.string().optional(),
    })
    .optional(),
});

/**
 * An app-only token, no sign-in: the client-credentials grant (Azure service principals) or the
 * JWT bearer grant signed with a service-account key (Google, RFC 7523). Fetched when needed,
 * renewed before expiry and once on 401.
 */
const OAuth2AppAuth = z.object({
  type: z.literal('oauth2_app'),
  grant: z.enum(['client_credentials', 'jwt_bearer']),
  /** Template over `{ credentials, region, derived }` (Azure: the tenant is in the path). */
  tokenUrl: z.string().min(1),
  scopes: z.array(z.string()).min(1),
});

export const ServiceAuth = z.discriminatedUnion('type', [
  /** The credential itself is the address (Slack and Teams incoming webhooks). */
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('api_key'),
    in: z.enum(['header', 'query']),
    name: z.string().min(1),
    /** Template over `credentials`, e.g. `Bearer {{credentials.token}}`. */
    value: z.string().min(1),
  }),
  z.object({
    type: z.literal('basic'),
    /** Templates over `credentials` (Mailgun's user is the literal `api`). */
    username: z.string(),
    password: z.string(),
  }),
  z.object({
    type: z.literal('aws_sigv4'),
    service: z.string().min(1),
  }),
  OAuth2Auth,
  OAuth2AppAuth,
]);
export type ServiceAuth = z.infer<typeof ServiceAuth>;
export type OAuth2ServiceAuth = z.infer<typeof OAuth2Auth>;
export type OAuth2AppServiceAuth = z.infer<typeof OAuth2AppAuth>;

const OperationBase = z.object({
  id: OperationId,
  name: Text,
  description: Text,
  input: z.record(z.string(), InputField).default({}),
  /** An example of what it produces, for the mapping editor before any run. */
  sample: z.unknown().optional(),
  /** Escape hatch: a named TypeScript function in the engine's catalogue functions. */
  fn: z.string().optional(),
  /** Escape hatch: a named function adding computed inputs (Mailchimp's subscriber hash). */
  prepare: z.string().optional(),
  errors: z.array(ErrorRule).default([]),
});

export const ActionSpec = OperationBase.extend({
  request: RequestTemplate.optional(),
  /** What the action returns: a path into the response body ('' = all of it). */
  outputPath: z.string().default(''),
  /** The service deduplicates by this header; the step's idempotency key is sent in it. */
  idempotencyHeader: z.string().optional(),
  /** A daily limit on this operation alone (Zoom meetings created per day). */
  perDay: z.number().int().min(1).optional(),
  sideEffects: z.boolean().default(true),
});
export type ActionSpec = z.infer<typeof ActionSpec>;

export const PollingTriggerSpec = OperationBase.extend({
  kind: z.literal('polling'),
  request: RequestTemplate.optional(),
  itemsPath: z.string(),
  /** The item's identity in the service. */
  idPath: z.string(),
  /** The field that grows with each new item, and how the service sorts its answer. */
  cursor: z.object({
    path: z.string(),
    order: z.enum(['asc', 'desc']),
    /** `{{cursor}}` before the first item is seen (e.g. the epoch, for a "created after" filter). */
    initial: z.string().optional(),
  }),
  pagination: Pagination.default({ style: 'none' }),
  /** Changes fire too: the item's identity is its id and cursor, so the engine's dedupe lets them through. */
  firesOnUpdate: z.boolean().default(false),
  /** At most this many pages per poll: the rest waits for the next poll. */
  maxPages: z.number().int().min(1).max(100).default(10),
  summary: z.string().optional(),
});
export type PollingTriggerSpec = z.infer<typeof PollingTriggerSpec>;

export const WebhookVerification = z.discriminatedUnion('type', [
  /** X-Twilio-Signature: HMAC-SHA1 of the public URL plus sorted form pairs, key = auth token. */
  z.object({ type: z.literal('twilio'), secretCredential: z.string() }),
  /** Meta (WhatsApp, Messenger, Lead Ads): hub.challenge handshake + X-Hub-Signature-256. */
  z.object({
    type: z.literal('meta'),
    verifyTokenCredential: z.string(),
    appSecretCredential: z.string(),
  }),
]);
export type WebhookVerification = z.infer<typeof WebhookVerification>;

export const WebhookTriggerSpec = OperationBase.extend({
  kind: z.literal('webhook'),
  verification: WebhookVerification,
  /** Where the events are in the body ('' = the body is one event). */
  itemsPath: z.string().default(''),
  idPath: z.string(),
  summary: z.string().optional(),
});
export type WebhookTriggerSpec = z.infer<typeof WebhookTriggerSpec>;

export const TriggerSpec = z.discriminatedUnion('kind', [PollingTriggerSpec, WebhookTriggerSpec]);
export type TriggerSpec = z.infer<typeof TriggerSpec>;

export const ServiceDefinition = z
  .object({
    id: Slug,
    name: Text,
    category: CatalogueCategory,
    icon: z.string().min(1),
    description: Text,
    docsUrl: z.url(),
    auth: ServiceAuth,
    credentials: z.record(z.string(), CredentialSpec),
    /** The credential that names the account in lists. */
    accountField: z.string().optional(),
    /** Template over `{ credentials, region, derived }`; `credentials.baseUrl` (advanced) overrides it. */
    baseUrl: z.string().min(1),
    /** Data centres / regions: the operator picks one, stored as credential `region`. */
    regions: z
      .array(
        z.object({
          value: z.string(),
          label: z.string(),
          values: z.record(z.string(), z.string()),
        }),
      )
      .optional(),
    /** Escape hatch: values computed from the credentials (Mailchimp's data centre). */
    derive: z.string().optional(),
    /** Per connection, shared by every thread (scheduler limits). */
    limits: z
      .object({
        perMinute: z.number().int().min(1).optional(),
        perDay: z.number().int().min(1).optional(),
      })
      .optional(),
    errors: z.array(ErrorRule).default([]),
    /** "Test connection": a harmless read; any 2xx passes. */
    test: z.object({
      request: RequestTemplate,
      accountPath: z.string().optional(),
      /** Statuses that prove the credentials work without doing anything (an empty post refused as empty). */
      acceptStatus: z.array(z.number().int()).default([]),
    }),
    triggers: z.array(TriggerSpec).default([]),
    actions: z.array(ActionSpec).default([]),
  })
  .superRefine((service, ctx) => {
    const ids = [...service.triggers, ...service.actions].map((o) => o.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: 'custom', message: `operation id ${dup} is used twice` });
    for (const op of [...service.triggers, ...service.actions]) {
      if (!op.fn && !('request' in op && op.request) && !('verification' in op))
        ctx.addIssue({ code: 'custom', message: `${op.id} needs a request or an fn` });
    }
    if (service.auth.type === 'oauth2') {
      // What a sign-in fills in must be declared as a credential it fills in.
      const auth = service.auth;
      const filled = [
        ...Object.keys(auth.keepFromToken ?? {}),
        ...Object.keys(auth.keepFromRedirect ?? {}),
        ...(auth.tenantSelection ? [auth.tenantSelection.storeAs] : []),
        ...(auth.tenantSelection?.storeLabelAs ? [auth.tenantSelection.storeLabelAs] : []),
      ];
      for (const name of filled)
        if (!service.credentials[name]?.fromSignIn)
          ctx.addIssue({
            code: 'custom',
            path: ['credentials', name],
            message: 'is filled in by the sign-in: declare it with fromSignIn: true',
          });
    }
  });
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;
export type ServiceDefinitionInput = z.input<typeof ServiceDefinition>;

/** Validates a service definition; a broken one names itself and the field. */
export function defineService(input: ServiceDefinitionInput): ServiceDefinition {
  const parsed = ServiceDefinition.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `Catalogue service ${String(input.id)}: ${issue.path.join('.') || '(root)'} ${issue.message}`,
    );
  }
  return parsed.data;
}
