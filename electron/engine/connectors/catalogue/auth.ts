import { REGION_FIELD } from '@shared/connectors/catalogue/build';
import type { ServiceDefinition } from '@shared/connectors/catalogue/format';
import { ConnectorError } from '@shared/connectors/errors';
import { renderTemplate, templateText } from '@shared/workflow/mapping';
import type { AuthFactory } from '../../connections/auth';
import type { AuthInjector } from '../../http/client';
import { PAYLOAD_HASH_HEADER } from './auth-headers';
import { serviceConnection } from './runtime';
import { signSigV4 } from './sigv4';
import { oauthInjector } from './oauth';
import { appTokenInjector } from './app-token';

const textAt = (credentials: Readonly<Record<string, unknown>>, name: string, service: string) => {
  const value = credentials[name];
  if (typeof value !== 'string' || value === '')
    throw new ConnectorError(
      'auth_expired',
      `The ${service} connection has no ${name}. Edit it on the Connections page.`,
      { retryable: false },
    );
  return value;
};

/** How a catalogue service's connections authenticate their requests, from its auth spec. */
export function authFactoryOf(service: ServiceDefinition): AuthFactory {
  const auth = service.auth;
  return (connection, deps): AuthInjector | undefined => {
    const { scope } = serviceConnection(service, connection.credentials);
    const render = (template: string) => templateText(renderTemplate(template, scope));
    switch (auth.type) {
      case 'none':
        return undefined;
      case 'api_key': {
        const value = render(auth.value);
        return {
          apply: ({ url, headers }) => {
            if (auth.in === 'query') url.searchParams.set(auth.name, value);
            else headers.set(auth.name, value);
          },
          secrets: () => [value],
        };
      }
      case 'basic': {
        const username = render(auth.username);
        const password = render(auth.password);
        const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
        return {
          apply: ({ headers }) => headers.set('authorization', `Basic ${encoded}`),
          secrets: () => [password, encoded],
        };
      }
      case 'aws_sigv4': {
        const accessKeyId = textAt(connection.credentials, 'accessKeyId', service.name);
        const secretAccessKey = textAt(connection.credentials, 'secretAccessKey', service.name);
        const sessionToken = connection.credentials.sessionToken;
        const region = textAt(connection.credentials, REGION_FIELD, service.name);
        return {
          apply: ({ url, headers, method }) => {
            const signed = signSigV4(
              {
                method: method ?? 'GET',
                url,
                headers: Object.fromEntries(headers),
                payloadHash: headers.get(PAYLOAD_HASH_HEADER) ?? undefined,
              },
              {
                accessKeyId,
                secretAccessKey,
                ...(typeof sessionToken === 'string' && sessionToken !== ''
                  ? { sessionToken }
                  : {}),
              },
              { region, service: auth.service, at: deps.clock.now() },
            );
            for (const [name, value] of Object.entries(signed.headers)) headers.set(name, value);
          },
          secrets: () => [secretAccessKey],
        };
      }
      case 'oauth2':
        return oauthInjector(service, auth, connection, deps);
      case 'oauth2_app':
        return appTokenInjector(service, auth, connection, deps);
    }
  };
}
