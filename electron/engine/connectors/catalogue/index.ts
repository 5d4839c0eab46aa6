import { CATALOGUE } from '@shared/connectors/catalogue';
import type { ServiceDefinition } from '@shared/connectors/catalogue/format';
import { ConnectorError } from '@shared/connectors/errors';
import { registerConnectionAuth } from '../../connections/auth';
import { registerConnectionLimits, type LimitRule } from '../../connections/limits';
import { registerConnectionTester, type TestOutcome } from '../../connections/testers';
import { prepareForLog } from '../../http/log-payload';
import { silentLogger } from '../../types';
import type { ActionImpl, ConnectorImpl, TriggerImpl } from '../types';
import { UserError } from '@shared/errors';
import { signsInThroughBrowser } from '@shared/connectors/catalogue/build';
import { registerOAuthProvider } from '../../oauth/providers';
import { authFactoryOf } from './auth';
import './costs/azure';
import './costs/gcp';
import {
  endpoints,
  exchangeAuthorizationCode,
  fixedRedirectUriOf,
  listTenants,
  oauthOf,
} from './oauth';
import { pollingTriggerOf } from './polling';
import { runAction, testServiceConnection } from './runtime';

/** The behaviour of one catalogue service: every operation runs through the generic runtime. */
export function implOf(service: ServiceDefinition): ConnectorImpl {
  const triggers: Record<string, TriggerImpl> = {};
  for (const t of service.triggers)
    triggers[t.id] =
      t.kind === 'polling' ? (pollingTriggerOf(service, t) as TriggerImpl) : { kind: 'webhook' };
  const actions: Record<string, ActionImpl<Record<string, unknown>>> = {};
  for (const a of service.actions)
    actions[a.id] = { run: (ctx, config) => runAction(service, a, ctx, config) };
  return { id: service.id, triggers, actions: actions as ConnectorImpl['actions'] };
}

/** A request path template as a pattern over URL paths: placeholders match one segment. */
function pathPattern(template: string): RegExp {
  const parts = template
    .split(/\{\{[^}]*\}\}/)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`${parts.join('[^/]+')}$`);
}

/** What a service's connections count against: its per-connection limits, and per-operation quotas. */
export function limitRulesOf(service: ServiceDefinition): LimitRule[] {
  const rules: LimitRule[] = [];
  if (service.limits) rules.push({ key: '', limits: service.limits });
  for (const a of service.actions) {
    if (!a.perDay || !a.request) continue;
    const pattern = pathPattern(a.request.path);
    const method = a.request.method;
    rules.push({
      key: `#${a.id}`,
      limits: { perDay: a.perDay },
      applies: (info) => info.method === method && pattern.test(info.url.pathname),
    });
  }
  return rules;
}

async function testOf(
  service: ServiceDefinition,
  ...[connection, deps]: Parameters<Parameters<typeof registerConnectionTester>[1]>
): Promise<TestOutcome> {
  const ctx = {
    http: deps.http,
    logger: silentLogger,
    clock: deps.clock,
    ownWrites: { has: () => false, add: () => undefined },
    signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
    connection,
  };
  try {
    const res = await testServiceConnection(service, ctx);
    return {
      ok: true,
      message: `${service.name} accepted the credentials${res.account ? ` (${res.account})` : ''}.`,
      status: 'ok',
      response: {
        status: res.status,
        body: prepareForLog(res.body, { redactor: deps.redactor, maxBytes: 4096 }),
        durationMs: res.durationMs,
      },
    };
  } catch (error) {
    const e = ConnectorError.from(error);
    if (e.status !== undefined && service.test.acceptStatus.includes(e.status))
      return {
        ok: true,
        message: `${service.name} recognised the address (${e.status} to an empty test message).`,
        status: 'ok',
      };
    return {
      ok: false,
      message: e.message,
      status: e.code === 'auth_expired' || e.code === 'forbidden' ? 'needs_reconnect' : 'error',
      ...(e.status !== undefined
        ? { response: { status: e.status, body: null, durationMs: 0 } }
        : {}),
    };
  }
}

const TOKEN_FIELDS = new Set(['accessToken', 'refreshToken', 'expiresAt', 'scope']);

/**
 * The interactive sign-in (connections:authorize) of an OAuth service, its quirks included: the
 * code exchange is the runtime's own (client auth, values kept from the token answer and the
 * redirect), the redirect URI the registered one where the service insists, and the tenant
 * list the runtime reads for the operator to choose from.
 */
function registerSignIn(service: ServiceDefinition): void {
  if (!signsInThroughBrowser(service)) return;
  const auth = oauthOf(service);
  const tenantSelection = auth.tenantSelection;
  registerOAuthProvider(service.id, {
    endpoints: (credentials) => endpoints(service, auth, credentials),
    client(credentials) {
      const { clientId, clientSecret } = credentials;
      if (typeof clientId !== 'string' || clientId === '')
        throw new UserError('invalid_input', 'Client ID: required to sign in.');
      return {
        clientId,
        clientSecret: typeof clientSecret === 'string' ? clientSecret : undefined,
      };
    },
    scopes: () => auth.scopes,
    pkce: () => auth.pkce,
    authorizeParams: () => ({ ...auth.extraAuthorizeParams }),
    loginHint: false,
    fixedRedirectUri: (credentials) => fixedRedirectUriOf(auth, credentials),
    async exchange(deps, credentials, redirect) {
      let stored: Record<string, unknown>;
      try {
        stored = await exchangeAuthorizationCode(
          service,
          credentials,
          {
            code: redirect.code,
            redirectUri: redirect.redirectUri,
            codeVerifier: redirect.codeVerifier,
            redirectQuery: redirect.query,
          },
          deps,
        );
      } catch (error) {
        throw new UserError('invalid_input', ConnectorError.from(error).message);
      }
      const kept: Record<string, string> = {};
      for (const [name, value] of Object.entries(stored))
        if (!TOKEN_FIELDS.has(name) && typeof value === 'string') kept[name] = value;
      return {
        tokens: {
          accessToken: String(stored.accessToken),
          ...(typeof stored.refreshToken === 'string' ? { refreshToken: stored.refreshToken } : {}),
          ...(typeof stored.expiresAt === 'number' ? { expiresAt: stored.expiresAt } : {}),
          ...(typeof stored.scope === 'string' ? { scope: stored.scope } : {}),
        },
        kept,
      };
    },
    ...(tenantSelection
      ? {
          async tenants(http, credentials) {
            const tenants = await listTenants(service, credentials, http);
            return {
              label: service.credentials[tenantSelection.storeAs]?.label ?? 'Account',
              tenants: tenants.filter((t) => t.id !== '' && t.id.length <= 200),
              field: tenantSelection.storeAs,
              ...(tenantSelection.storeLabelAs ? { labelField: tenantSelection.storeLabelAs } : {}),
            };
          },
        }
      : {}),
  });
}

for (const service of CATALOGUE) {
  registerSignIn(service);
  registerConnectionAuth(service.id, authFactoryOf(service));
  registerConnectionTester(service.id, (connection, deps) => testOf(service, connection, deps));
  const rules = limitRulesOf(service);
  registerConnectionLimits(service.id, () => rules);
}

export const CATALOGUE_IMPLS: readonly ConnectorImpl[] = CATALOGUE.map(implOf);
