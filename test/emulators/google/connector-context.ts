import {
  createGoogleAuth,
  type GoogleTokens,
} from '../../../electron/engine/connectors/google/auth';
import type { ActionContext, ConnectorContext } from '../../../electron/engine/connectors/types';
import { createHttpClient, type HttpExchange } from '../../../electron/engine/http/client';
import { createRedactor } from '../../../electron/engine/http/redact';
import { silentLogger } from '../../../electron/engine/types';
import type { GoogleEmulator } from './server';

/**
 * A connector context as the engine builds one, against the emulator: the one HTTP layer, a
 * Google token that refreshes through the emulator's /token, own writes in a set.
 */
export function emulatorConnectorContext(
  emu: GoogleEmulator,
  /** `timeoutMs`: the HTTP layer's default per-request timeout (the engine's 30 s if absent). */
  options: { now: () => number; user?: string; timeoutMs?: number },
) {
  const issued = emu.issueToken(options.user);
  let tokens: GoogleTokens = {
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    expiresAt: options.now() + 3599_000,
  };
  const exchanges: HttpExchange[] = [];
  const own = new Set<string>();
  const clock = { now: () => new Date(options.now()) };
  const base = createHttpClient({
    clock,
    logger: silentLogger,
    redactor: createRedactor(),
    onExchange: (e) => exchanges.push(e),
    defaultTimeoutMs: options.timeoutMs,
  });
  const auth = createGoogleAuth({
    connectionId: 'conn-google-emulator',
    clientId: emu.client.clientId,
    clientSecret: emu.client.clientSecret,
    tokenUrl: emu.endpoints.oauth2TokenUrl,
    http: base,
    clock,
    load: () => tokens,
    save: (t) => (tokens = t),
  });
  const ctx = (): ConnectorContext =>
    ({
      http: base.withAuth(auth),
      logger: silentLogger,
      clock,
      ownWrites: { has: (k: string) => own.has(k), add: (k: string) => void own.add(k) },
      signal: new AbortController().signal,
      connection: {
        id: 'conn-google-emulator',
        kind: 'google',
        name: 'Emulator',
        credentials: { apiRootUrl: emu.url },
      },
    }) as ConnectorContext;
  return {
    ctx,
    action: (idempotencyKey: string, attempt = 1): ActionContext => ({
      ...ctx(),
      idempotencyKey,
      attempt,
    }),
    exchanges,
    own,
    tokens: () => tokens,
    /** Replaces the stored tokens, e.g. to make the access token look expired. */
    setTokens: (next: GoogleTokens) => void (tokens = next),
  };
}
