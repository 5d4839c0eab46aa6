import { sign } from 'node:crypto';
import { OAUTH_TOKEN_URL_FIELD } from '@shared/connectors/catalogue/build';
import type { OAuth2AppServiceAuth, ServiceDefinition } from '@shared/connectors/catalogue/format';
import { ConnectorError } from '@shared/connectors/errors';
import { renderTemplate, templateText } from '@shared/workflow/mapping';
import { z } from 'zod';
import type { AuthDeps, OpenedConnection } from '../../connections/auth';
import type { AuthInjector } from '../../http/client';
import { createAppToken } from '../../oauth/app-token';
import { grantAuth } from '../../oauth/grant-auth';
import { requestGrantTokens } from '../../oauth/token-request';
import { serviceConnection } from './runtime';

/** A Google service-account key file (IAM → Service accounts → Keys → JSON). */
export const ServiceAccountKey = z.looseObject({
  type: z.literal('service_account', { error: 'type must be "service_account"' }),
  project_id: z.string().min(1),
  client_email: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY', { error: 'private_key is not a PEM key' }),
  private_key_id: z.string().optional(),
});
export type ServiceAccountKey = z.infer<typeof ServiceAccountKey>;

/** The key file in a connection's `serviceAccountKey`, or a clear reason it is not one. */
export function serviceAccountKeyOf(
  service: Pick<ServiceDefinition, 'name'>,
  credentials: Readonly<Record<string, unknown>>,
): ServiceAccountKey {
  const raw = credentials.serviceAccountKey;
  let json: unknown;
  try {
    json = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    json = undefined;
  }
  const parsed = ServiceAccountKey.safeParse(json);
  if (!parsed.success)
    throw new ConnectorError(
      'auth_expired',
      `The ${service.name} connection's service-account key is not a JSON key file (${
        json === undefined
          ? 'it is not JSON'
          : `${parsed.error.issues[0]!.path.join('.') || 'key'}: ${parsed.error.issues[0]!.message}`
      }). Paste the whole file downloaded from IAM → Service accounts → Keys.`,
      { retryable: false },
    );
  return parsed.data;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** An RFC 7523 assertion: RS256 over the service account's claims, valid for an hour. */
export function serviceAccountAssertion(
  key: ServiceAccountKey,
  claims: { scope: string; audience: string; nowMs: number },
): string {
  const iat = Math.floor(claims.nowMs / 1000);
  const header = base64url(
    JSON.stringify({
      alg: 'RS256',
      typ: 'JWT',
      ...(key.private_key_id ? { kid: key.private_key_id } : {}),
    }),
  );
  const payload = base64url(
    JSON.stringify({
      iss: key.client_email,
      scope: claims.scope,
      aud: claims.audience,
      iat,
      exp: iat + 3600,
    }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key.private_key);
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

/** The PEM key inside a key file, so it is redacted on its own too (it is JSON-escaped there). */
function privateKeyOf(credentials: Readonly<Record<string, unknown>>): string | undefined {
  try {
    const key = JSON.parse(String(credentials.serviceAccountKey ?? '')) as {
      private_key?: unknown;
    };
    return text(key.private_key);
  } catch {
    return undefined;
  }
}

const EXPIRY_MARGIN_MS = 60_000;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * App-only bearer tokens (no sign-in): fetched on first use with the connection's own client
 * secret or service-account key, renewed before expiry and once on 401. Each thread fetches its
 * own; these grants are cheap and need no refresh token kept.
 */
export function appTokenInjector(
  service: ServiceDefinition,
  auth: OAuth2AppServiceAuth,
  connection: OpenedConnection,
  deps: AuthDeps,
): AuthInjector {
  const credentials = connection.credentials;
  const { scope } = serviceConnection(service, credentials);
  const tokenUrl =
    text(credentials[OAUTH_TOKEN_URL_FIELD]) ?? templateText(renderTemplate(auth.tokenUrl, scope));

  function grantForm(): Record<string, string> {
    if (auth.grant === 'jwt_bearer') {
      const key = serviceAccountKeyOf(service, credentials);
      return {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: serviceAccountAssertion(key, {
          scope: auth.scopes.join(' '),
          audience: tokenUrl,
          nowMs: deps.clock.now().getTime(),
        }),
      };
    }
    const clientId = text(credentials.clientId);
    const clientSecret = text(credentials.clientSecret);
    if (!clientId || !clientSecret)
      throw new ConnectorError(
        'auth_expired',
        `The ${service.name} connection "${connection.name}" has no client ID or secret.`,
        { retryable: false },
      );
    return {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: auth.scopes.join(' '),
    };
  }

  const grant = createAppToken({
    clock: deps.clock,
    marginMs: EXPIRY_MARGIN_MS,
    fetchToken: async () =>
      requestGrantTokens(
        deps,
        // The form is built per request: a JWT assertion is signed for the moment it is sent.
        { url: tokenUrl, form: grantForm() },
        (error) =>
          new ConnectorError(
            'auth_expired',
            `${service.name} refused the app credentials: ${error.message}`,
            { retryable: false, status: error.status },
          ),
      ),
  });

  return grantAuth(grant, {
    secrets: () => [text(credentials.clientSecret), privateKeyOf(credentials)],
  });
}
