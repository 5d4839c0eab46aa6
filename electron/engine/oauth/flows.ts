import { randomBytes } from 'node:crypto';
import { ConnectorError } from '@shared/connectors/errors';
import { UserError } from '@shared/errors';
import type { AuthorizeStatus, ConnectionSummary } from '@shared/ipc/contract';
import type { HttpClient } from '../http/client';
import type { Redactor } from '../http/redact';
import type { Clock, Logger } from '../types';
import { startLoopbackReceiver, type CallbackParams, type LoopbackReceiver } from './loopback';
import { newPkcePair, newState } from './pkce';
import { oauthProviderOf, readStandardTokens, type OAuthTokens } from './providers';

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
}

export interface CompletedSignIn extends SignInRequest {
  tokens: OAuthTokens;
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
}

/**
 * Browser sign-ins as RFC 8252 asks of installed apps: authorization code with PKCE S256 and
 * an unguessable `state`, redirected to a loopback port opened for this one flow.
 */
export function createOAuthFlows(deps: OAuthFlowsDeps) {
  const flows = new Map<string, Flow>();

  function finish(flow: Flow, status: Omit<AuthorizeStatus, 'flowId'>) {
    if (flow.status.status !== 'waiting') return;
    flow.status = { flowId: flow.id, ...status };
    flow.receiver?.close();
    clearTimeout(flow.timer);
    flow.timer = setTimeout(() => flows.delete(flow.id), OUTCOME_KEPT_MS);
    flow.timer.unref();
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
    const { clientId, clientSecret } = provider.client(request.values);
    const form: Record<string, string> = {
      grant_type: 'authorization_code',
      code: params.code,
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
    const tokens = (provider.readTokens ?? readStandardTokens)(body, now);
    deps.redactor.addSecret(tokens.accessToken);
    if (tokens.refreshToken) deps.redactor.addSecret(tokens.refreshToken);
    const who = (await provider.identify?.(deps.http, tokens, request.values)) ?? {};
    return {
      ...request,
      tokens,
      account: who.account,
      scopes: who.scopes ?? tokens.scope?.split(/[\s,]+/).filter(Boolean),
    };
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
      const receiver = await startLoopbackReceiver(state, async (params) => {
        try {
          const signIn = await exchange(request, params, {
            verifier: pkce?.verifier,
            redirectUri: receiver.redirectUri,
          });
          const saved = deps.complete(signIn);
          const message = `Signed in${signIn.account ? ` as ${signIn.account}` : ''}. “${saved.connection.name}” is ready.`;
          finish(flow, { status: 'succeeded', message, ...saved });
          return { ok: true, message };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          deps.logger.warn('oauth sign-in failed', { kind: request.kind, message });
          finish(flow, { status: 'failed', message, resumedWorkflows: [] });
          return { ok: false, message };
        }
      });
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
        ...(request.loginHint ? { login_hint: request.loginHint } : {}),
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
