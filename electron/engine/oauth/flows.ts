import { randomBytes } from 'node:crypto';
import { ConnectorError } from '@shared/connectors/errors';
import { UserError } from '@shared/errors';
import type { AuthorizeStatus, ConnectionSummary } from '@shared/ipc/contract';
import type { HttpClient } from '../http/client';
import type { Redactor } from '../http/redact';
import type { Clock, Logger } from '../types';
import { startLoopbackReceiver, type CallbackParams, type LoopbackReceiver } from './loopback';
import { newPkcePair, newState } from './pkce';
import {
  oauthProviderOf,
  readStandardTokens,
  type ExchangedSignIn,
  type OAuthProvider,
  type OAuthTokens,
  type SignInTenants,
} from './providers';

/** A sign-in nobody finishes is given up after this long (its loopback port is closed). */
export const FLOW_TIMEOUT_MS = 10 * 60_000;
/** A finished flow's outcome stays readable this long, for the status poll that follows it. */
const OUTCOME_KEPT_MS = 10 * 60_000;

export interface SignInRequest {
  kind: string;
  name: string;
  /** Checked credentials of the kind (plain and secret fields together). */
  values: Record<string, unknown>;
  /** Reconnect this connection instead of creating one. */
  connectionId?: string;
  /** The account expected (a reconnect), passed as login_hint. */
  loginHint?: string;
  /** What the last sign-in of a reconnected connection kept (its tenant is chosen again). */
  previouslyKept?: Record<string, unknown>;
}

export interface CompletedSignIn extends SignInRequest {
  tokens: OAuthTokens;
  /** Plain values the sign-in filled in (instance URL, company id, chosen tenant). */
  kept: Record<string, string>;
  account?: string;
  scopes?: string[];
}

export interface OAuthFlowsDeps {
  /** Unauthenticated: token requests carry the client's own credentials. */
  http: HttpClient;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
  /** Opens the system browser (Electron's shell.openExternal); absent in browser mode. */
  openExternal?(url: string): Promise<void> | void;
  /** Stores the sign-in: a new connection, or new tokens for `connectionId` (a reconnect). */
  complete(signIn: CompletedSignIn): { connection: ConnectionSummary; resumedWorkflows: string[] };
  timeoutMs?: number;
}

interface Flow {
  id: string;
  status: AuthorizeStatus;
  receiver?: LoopbackReceiver;
  timer?: NodeJS.Timeout;
  /** Signed in, waiting for the operator to choose a tenant (kept in main's memory only). */
  choosing?: { signIn: CompletedSignIn; tenants: SignInTenants };
}

/**
 * Browser sign-ins as RFC 8252 asks of installed apps: authorization code with PKCE S256 and
 * an unguessable `state`, redirected to a loopback port opened for this one flow.
 */
export function createOAuthFlows(deps: OAuthFlowsDeps) {
  const flows = new Map<string, Flow>();

  const open = (flow: Flow) =>
    flow.status.status === 'waiting' || flow.status.status === 'choose_tenant';

  function finish(flow: Flow, status: Omit<AuthorizeStatus, 'flowId'>) {
    if (!open(flow)) return;
    flow.choosing = undefined;
    flow.status = { flowId: flow.id, ...status };
    flow.receiver?.close();
    clearTimeout(flow.timer);
    flow.timer = setTimeout(() => flows.delete(flow.id), OUTCOME_KEPT_MS);
    flow.timer.unref();
  }

  /** RFC 6749 with the client in the body: kinds without their own exchange (Google, generic). */
  async function standardExchange(
    provider: OAuthProvider,
    request: SignInRequest,
    code: string,
    ctx: { verifier?: string; redirectUri: string },
  ): Promise<ExchangedSignIn> {
    const { clientId, clientSecret } = provider.client(request.values);
    const form: Record<string, string> = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: ctx.redirectUri,
      client_id: clientId,
    };
    if (clientSecret) form.client_secret = clientSecret;
    if (ctx.verifier) form.code_verifier = ctx.verifier;
    let body: unknown;
    try {
      body = (
        await deps.http.request({
          method: 'POST',
          url: provider.endpoints(request.values).tokenUrl,
          form,
          responseType: 'json',
        })
      ).body;
    } catch (error) {
      const e = error instanceof ConnectorError ? error : undefined;
      throw new UserError(
        'invalid_input',
        `The token endpoint refused the sign-in${e?.status ? ` (${e.status})` : ''}: ${e?.message ?? String(error)}`,
      );
    }
    const now = deps.clock.now().getTime();
    return { tokens: (provider.readTokens ?? readStandardTokens)(body, now), kept: {} };
  }

  async function exchange(
    request: SignInRequest,
    params: CallbackParams,
    ctx: { verifier?: string; redirectUri: string },
  ): Promise<CompletedSignIn> {
    const provider = oauthProviderOf(request.kind)!;
    if (params.error) {
      const why = params.error === 'access_denied' ? 'access was not granted' : params.error;
      throw new UserError(
        'invalid_input',
        `The sign-in was refused: ${why}${params.errorDescription ? ` (${params.errorDescription})` : ''}.`,
      );
    }
    if (!params.code) throw new UserError('invalid_input', 'The sign-in came back without a code.');
    const exchanged = provider.exchange
      ? await provider.exchange({ http: deps.http, clock: deps.clock }, request.values, {
          code: params.code,
          redirectUri: ctx.redirectUri,
          codeVerifier: ctx.verifier,
          query: params.query,
        })
      : await standardExchange(provider, request, params.code, ctx);
    const { tokens } = exchanged;
    deps.redactor.addSecret(tokens.accessToken);
    if (tokens.refreshToken) deps.redactor.addSecret(tokens.refreshToken);
    const who = (await provider.identify?.(deps.http, tokens, request.values)) ?? {};
    return {
      ...request,
      tokens,
      kept: exchanged.kept,
      account: who.account,
      scopes: who.scopes ?? tokens.scope?.split(/[\s,]+/).filter(Boolean),
    };
  }

  /** The tenants the sign-in reaches, when the kind has them; none at all is a failed sign-in. */
  async function tenantsOf(signIn: CompletedSignIn): Promise<SignInTenants | undefined> {
    const provider = oauthProviderOf(signIn.kind)!;
    if (!provider.tenants) return undefined;
    const values = {
      ...signIn.values,
      ...signIn.kept,
      accessToken: signIn.tokens.accessToken,
    };
    let found: SignInTenants | undefined;
    try {
      found = await provider.tenants(deps.http, values);
    } catch (error) {
      throw new UserError(
        'invalid_input',
        `Signed in, but the list of accounts it reaches could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (found && found.tenants.length === 0) {
      throw new UserError(
        'invalid_input',
        `Signed in, but the sign-in reaches no ${found.label.toLowerCase()}: allow at least one on the consent page, then sign in again.`,
      );
    }
    return found;
  }

  /** Stores the sign-in with the chosen tenant (if any) and ends the flow. */
  function complete(
    flow: Flow,
    signIn: CompletedSignIn,
    tenant?: { tenants: SignInTenants; chosen: { id: string; label: string } },
  ): { ok: boolean; message: string } {
    const chosen = tenant && {
      [tenant.tenants.field]: tenant.chosen.id,
      ...(tenant.tenants.labelField ? { [tenant.tenants.labelField]: tenant.chosen.label } : {}),
    };
    const final = chosen ? { ...signIn, kept: { ...signIn.kept, ...chosen } } : signIn;
    const saved = deps.complete(final);
    const as = final.account ?? (tenant ? tenant.chosen.label : undefined);
    const message = `Signed in${as ? ` as ${as}` : ''}. “${saved.connection.name}” is ready.`;
    finish(flow, { status: 'succeeded', message, ...saved });
    return { ok: true, message };
  }

  function fail(flow: Flow, kind: string, error: unknown): { ok: false; message: string } {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn('oauth sign-in failed', { kind, message });
    finish(flow, { status: 'failed', message, resumedWorkflows: [] });
    return { ok: false, message };
  }

  return {
    /** Opens the loopback port and returns the URL the user signs in at. */
    async start(
      request: SignInRequest,
    ): Promise<{ flowId: string; authUrl: string; redirectUri: string; opened: boolean }> {
      const provider = oauthProviderOf(request.kind);
      if (!provider) {
        throw new UserError(
          'invalid_input',
          `Connections of kind "${request.kind}" do not sign in through the browser.`,
        );
      }
      const endpoints = provider.endpoints(request.values);
      const { clientId } = provider.client(request.values);
      const pkce = provider.pkce?.(request.values) !== false ? newPkcePair() : undefined;
      const state = newState();
      const flow: Flow = {
        id: `oauth_${randomBytes(12).toString('base64url')}`,
        status: { flowId: '', status: 'waiting', message: null, resumedWorkflows: [] },
      };
      flow.status.flowId = flow.id;
      const receiver = await startLoopbackReceiver(
        state,
        async (params) => {
          try {
            const signIn = await exchange(request, params, {
              verifier: pkce?.verifier,
              redirectUri: receiver.redirectUri,
            });
            const tenants = await tenantsOf(signIn);
            if (!tenants) return complete(flow, signIn);
            // One tenant, or the one a reconnected connection used: no need to ask.
            const before = request.previouslyKept?.[tenants.field];
            const chosen =
              tenants.tenants.length === 1
                ? tenants.tenants[0]
                : tenants.tenants.find((t) => t.id === before);
            if (chosen) return complete(flow, signIn, { tenants, chosen });
            if (!open(flow)) return { ok: false, message: 'This sign-in was cancelled.' };
            flow.receiver?.close();
            flow.choosing = { signIn, tenants };
            flow.status = {
              flowId: flow.id,
              status: 'choose_tenant',
              message: `Signed in. Choose the ${tenants.label.toLowerCase()} to use.`,
              tenantLabel: tenants.label,
              tenants: tenants.tenants,
              resumedWorkflows: [],
            };
            return {
              ok: true,
              message: `Signed in. Go back to Switchyard to choose the ${tenants.label.toLowerCase()} to use.`,
            };
          } catch (error) {
            return fail(flow, request.kind, error);
          }
        },
        provider.fixedRedirectUri?.(request.values),
      );
      flow.receiver = receiver;
      flow.timer = setTimeout(
        () =>
          finish(flow, {
            status: 'failed',
            message: 'The sign-in was not finished in time. Start it again.',
            resumedWorkflows: [],
          }),
        deps.timeoutMs ?? FLOW_TIMEOUT_MS,
      );
      flow.timer.unref();
      flows.set(flow.id, flow);

      const url = new URL(endpoints.authorizeUrl);
      const params: Record<string, string> = {
        response_type: 'code',
        client_id: clientId,
        redirect_uri: receiver.redirectUri,
        scope: provider.scopes(request.values).join(provider.scopeSeparator ?? ' '),
        state,
        ...(pkce ? { code_challenge: pkce.challenge, code_challenge_method: 'S256' } : {}),
        ...(request.loginHint && provider.loginHint !== false
          ? { login_hint: request.loginHint }
          : {}),
        ...provider.authorizeParams?.(request.values),
      };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      let opened = false;
      if (deps.openExternal) {
        try {
          await deps.openExternal(url.href);
          opened = true;
        } catch (error) {
          deps.logger.warn('could not open the browser for a sign-in', { error: String(error) });
        }
      }
      return { flowId: flow.id, authUrl: url.href, redirectUri: receiver.redirectUri, opened };
    },

    status(flowId: string): AuthorizeStatus {
      const flow = flows.get(flowId);
      if (!flow) {
        throw new UserError(
          'not_found',
          `Sign-in ${flowId} does not exist (it finished long ago, or the app restarted). Start it again.`,
        );
      }
      return flow.status;
    },

    /** Finishes a sign-in waiting in `choose_tenant` with one of the tenants it listed. */
    chooseTenant(flowId: string, tenantId: string): AuthorizeStatus {
      const flow = flows.get(flowId);
      const choosing = flow?.choosing;
      if (!flow || !choosing || flow.status.status !== 'choose_tenant') {
        throw new UserError(
          'invalid_input',
          flow
            ? `Sign-in ${flowId} is not waiting for a choice (it is ${flow.status.status}).`
            : `Sign-in ${flowId} does not exist (it finished long ago, or the app restarted). Start it again.`,
        );
      }
      const chosen = choosing.tenants.tenants.find((t) => t.id === tenantId);
      if (!chosen) {
        throw new UserError(
          'invalid_input',
          `${tenantId.slice(0, 200)} is not one of the ${choosing.tenants.label.toLowerCase()}s this sign-in reaches.`,
        );
      }
      try {
        complete(flow, choosing.signIn, { tenants: choosing.tenants, chosen });
      } catch (error) {
        fail(flow, choosing.signIn.kind, error);
      }
      return flow.status;
    },

    cancel(flowId: string): AuthorizeStatus {
      const flow = flows.get(flowId);
      if (flow) finish(flow, { status: 'cancelled', message: 'Cancelled.', resumedWorkflows: [] });
      return this.status(flowId);
    },

    /** Closes every loopback port (engine shutdown). */
    closeAll() {
      for (const flow of flows.values()) {
        flow.receiver?.close();
        clearTimeout(flow.timer);
      }
      flows.clear();
    },
  };
}

export type OAuthFlows = ReturnType<typeof createOAuthFlows>;
