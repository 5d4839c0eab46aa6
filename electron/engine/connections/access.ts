import { createHash } from 'node:crypto';
import { ConnectorError } from '@shared/connectors/errors';
import type { ConnectionsRepo } from '../db/repos/connections';
import type { AuthInjector, HttpClient } from '../http/client';
import type { Redactor } from '../http/redact';
import type { Clock, Logger } from '../types';
import { connectionKind, secretFieldsOf } from '@shared/connections/registry';
import { OAuth2Tokens } from '@shared/connections/kinds';
import type { NamedLocks } from '../scheduler/limits-locks';
import { authFor, type OpenedConnection } from './auth';
import './google';
import type { SharedLimits } from '../scheduler/limits';
import { rateLimitFor } from './limits';

export interface ConnectionAccess {
  /** The one HTTP layer, authenticated as the connection (unauthenticated for null). */
  httpFor(connectionId: string | null): HttpClient;
  /** The opened connection for connectors that are not HTTP (SMTP); undefined for null. */
  connectionFor(connectionId: string | null): OpenedConnection | undefined;
  /** Everything at once, for "test connection". */
  open(connectionId: string): OpenedAccess;
  /** The same for credentials not saved yet (a form being filled in). */
  openUnsaved(connection: OpenedConnection): OpenedAccess;
}

export interface OpenedAccess {
  connection: OpenedConnection;
  http: HttpClient;
  auth: AuthInjector | undefined;
}

interface Cached extends OpenedAccess {
  /** What the entry was opened from: any change to the stored credentials opens it anew. */
  fingerprint: string;
}

/**
 * Opens connections for connectors: credentials come out of the vault here, in main or a
 * worker, and go only into an AuthInjector or the connector context. Every secret value is
 * handed to the redactor before anything can log it.
 */
export function createConnectionAccess(deps: {
  repo: ConnectionsRepo;
  http: HttpClient;
  redactor: Redactor;
  clock: Clock;
  logger: Logger;
  locks?: NamedLocks;
  /** Rate limits and daily quotas shared by every thread (kinds that declare some). */
  limits?: SharedLimits;
}): ConnectionAccess {
  const cache = new Map<string, Cached>();

  function open(connectionId: string): Cached {
    const stored = deps.repo.credentialsOf(connectionId);
    if (!stored) {
      cache.delete(connectionId);
      throw new ConnectorError(
        'auth_expired',
        `The connection ${connectionId} no longer exists. Choose another account for this step.`,
        { retryable: false },
      );
    }
    // Not updated_at alone: two saves in the same millisecond (a token refreshed while the
    // operator reconnects) would leave the older secret in use.
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([stored.kind, stored.updatedAt, stored.values]))
      .digest('base64');
    const hit = cache.get(connectionId);
    if (hit && hit.fingerprint === fingerprint) return hit;
    const summary = deps.repo.get(connectionId)!;
    const connection: OpenedConnection = {
      id: connectionId,
      kind: stored.kind,
      name: summary.name,
      credentials: Object.freeze({ ...stored.values }),
    };
    for (const name of summary.secretFields) {
      const value = stored.values[name];
      if (typeof value === 'string') deps.redactor.addSecret(value);
    }
    const auth = authFor(connection, {
      clock: deps.clock,
      http: deps.http.withAuth(undefined),
      saveTokens: (id, tokens) => {
        const secret = deps.repo.secretOf(id) ?? {};
        deps.repo.update(id, { secret: { ...secret, ...tokens } }, deps.clock.now());
      },
      loadTokens: (id) => {
        const tokens = OAuth2Tokens.parse(deps.repo.secretOf(id) ?? {});
        for (const value of [tokens.accessToken, tokens.refreshToken])
          if (value) deps.redactor.addSecret(value);
        return tokens;
      },
      locks: deps.locks,
    });
    const http = deps.http.withAuth(auth, rateLimitFor(connection, deps.limits));
    const entry = { fingerprint, connection, auth, http };
    cache.set(connectionId, entry);
    return entry;
  }

  return {
    httpFor: (id) => (id === null ? deps.http : open(id).http),
    connectionFor: (id) => (id === null ? undefined : open(id).connection),
    open,
    openUnsaved(connection) {
      const kind = connectionKind(connection.kind);
      for (const name of kind ? secretFieldsOf(kind) : []) {
        const value = connection.credentials[name];
        if (typeof value === 'string') deps.redactor.addSecret(value);
      }
      const auth = authFor(connection, { clock: deps.clock, http: deps.http.withAuth(undefined) });
      return { connection, auth, http: deps.http.withAuth(auth) };
    },
  };
}
