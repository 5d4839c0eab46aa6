import type { EngineEvent } from '@shared/events';
import { UserError } from '@shared/errors';
import type {
  ConnectionSaved,
  ConnectionSummary,
  ConnectionTestResult,
} from '@shared/ipc/contract';
import type { Db } from '../db/open';
import type { ConnectionsRepo } from '../db/repos/connections';
import type { Redactor } from '../http/redact';
import type { Clock, Logger } from '../types';
import { silentLogger } from '../types';
import { createOAuthFlows, type CompletedSignIn } from '../oauth/flows';
import { oauthProviderOf } from '../oauth/providers';
import { createSmtpTransport, smtpError, smtpSettingsOf } from '../connectors/email/transport';
import type { ConnectionAccess } from './access';
import { kindOrThrow, prepareCredentials } from './credentials';
import { testConnection } from './testers';

export interface ConnectionServiceDeps {
  db: Db;
  repo: ConnectionsRepo;
  access: ConnectionAccess;
  redactor: Redactor;
  clock: Clock;
  emit(event: EngineEvent): void;
  /** Puts workflows on hold for this connection back to work (the run queue's hook). */
  release(connectionId: string): string[];
  logger?: Logger;
  /** Opens the system browser for a sign-in (the desktop app's shell.openExternal). */
  openExternal?(url: string): Promise<void> | void;
}

const notFound = (id: string) =>
  new UserError('not_found', `Connection ${id} does not exist (it may have been deleted).`, { id });

/** What the connections channels do: create, reconnect, rotate, test, and who uses what. */
export function createConnectionService(deps: ConnectionServiceDeps) {
  const { repo, clock, emit } = deps;
  const usage = deps.db.prepare(
    `SELECT id, name, state FROM workflows w
      WHERE json_extract(w.definition, '$.trigger.connection') = ?
         OR EXISTS (SELECT 1 FROM json_each(w.definition, '$.steps') s
                     WHERE json_extract(s.value, '$.connection') = ?)
      ORDER BY name`,
  );
  const existing = (id: string): ConnectionSummary => repo.get(id) ?? throwError(notFound(id));
  const changed = (id: string) => emit({ type: 'connection.changed', id });

  function record(id: string, outcome: Awaited<ReturnType<typeof testConnection>>) {
    if (outcome.status === undefined) return repo.get(id);
    return repo.recordCheck(
      id,
      { ok: outcome.ok, message: outcome.message, status: outcome.status },
      clock.now(),
    );
  }

  /** Stores a finished browser sign-in: a new connection, or new tokens for one (reconnect). */
  function saveSignIn(signIn: CompletedSignIn) {
    const prepared = prepareCredentials(signIn.kind, signIn.values);
    const kind = kindOrThrow(signIn.kind);
    const scope = signIn.scopes?.join(' ');
    const fields: Record<string, unknown> = { ...prepared.fields, ...signIn.kept };
    if (scope !== undefined && !('scopes' in kind.fields)) fields.scopes = scope;
    const { tokens } = signIn;
    const secret = {
      ...prepared.secret,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.expiresAt,
      ...(scope !== undefined ? { scope } : {}),
    };
    const keptAccount = kind.accountField ? signIn.kept[kind.accountField] : undefined;
    const account = signIn.account ?? keptAccount ?? prepared.account;
    const checked = `Signed in${account ? ` as ${account}` : ''}.`;
    if (signIn.connectionId !== undefined) {
      const current = existing(signIn.connectionId);
      if (current.account && account && current.account !== account) {
        throw new UserError(
          'invalid_input',
          `You signed in as ${account}, but "${current.name}" is ${current.account}. Sign in as ${current.account}, or add ${account} as a new connection.`,
        );
      }
      repo.update(
        current.id,
        { name: signIn.name, account, fields, secret, status: 'ok' },
        clock.now(),
      );
      const connection = repo.recordCheck(
        current.id,
        { ok: true, message: checked, status: 'ok' },
        clock.now(),
      )!;
      const resumedWorkflows = deps.release(current.id);
      changed(current.id);
      return { connection, resumedWorkflows };
    }
    const made = repo.create(
      { kind: signIn.kind, name: signIn.name, account, fields, secret },
      clock.now(),
    );
    const connection = repo.recordCheck(
      made.id,
      { ok: true, message: checked, status: 'ok' },
      clock.now(),
    )!;
    changed(made.id);
    return { connection, resumedWorkflows: [] };
  }

  const flows = createOAuthFlows({
    http: deps.access.httpFor(null),
    clock,
    logger: deps.logger ?? silentLogger,
    redactor: deps.redactor,
    openExternal: deps.openExternal,
    complete: saveSignIn,
  });

  return {
    /** Starts a browser sign-in; `id` reconnects that connection (its secrets are kept if blank). */
    async authorize(input: {
      kind: string;
      name: string;
      credentials: Record<string, unknown>;
      id?: string;
    }) {
      const current = input.id !== undefined ? existing(input.id) : undefined;
      if (current && current.kind !== input.kind) {
        throw new UserError(
          'invalid_input',
          `"${current.name}" is a ${current.kind} connection, not ${input.kind}.`,
        );
      }
      const prepared = prepareCredentials(
        input.kind,
        input.credentials,
        current ? (repo.secretOf(current.id) ?? {}) : undefined,
      );
      return flows.start({
        kind: input.kind,
        name: input.name,
        values: { ...prepared.fields, ...prepared.secret },
        connectionId: current?.id,
        loginHint: current?.account ?? undefined,
        previouslyKept: current?.fields,
      });
    },
    authorizeStatus: (flowId: string) => flows.status(flowId),
    authorizeTenant: (flowId: string, tenantId: string) => flows.chooseTenant(flowId, tenantId),
    authorizeCancel: (flowId: string) => flows.cancel(flowId),
    closeSignIns: () => flows.closeAll(),

    /** Deletes a connection; a signed-in one's grant is revoked at the service first. */
    async remove(id: string) {
      const current = existing(id);
      let revoked: boolean | undefined;
      const provider = oauthProviderOf(current.kind);
      const stored = repo.credentialsOf(id)?.values ?? {};
      const token = stored.refreshToken ?? stored.accessToken;
      if (provider && typeof token === 'string') {
        revoked = false;
        try {
          const revokeUrl = provider.endpoints(stored).revokeUrl;
          if (revokeUrl) {
            await deps.access.httpFor(null).request({
              method: 'POST',
              url: revokeUrl,
              form: { token },
              timeoutMs: 10_000,
            });
            revoked = true;
          }
        } catch (error) {
          // The grant may already be gone (revoked by the user at the service): delete anyway.
          (deps.logger ?? silentLogger).warn('could not revoke a connection’s token', {
            id,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
      const deleted = repo.remove(id) ?? throwError(notFound(id));
      emit({ type: 'connection.deleted', id });
      return { id: deleted.id, name: deleted.name, kind: deleted.kind, revoked };
    },

    create(kind: string, name: string, credentials: Record<string, unknown>): ConnectionSaved {
      const prepared = prepareCredentials(kind, credentials);
      const connection = repo.create(
        { kind, name, account: prepared.account, fields: prepared.fields, secret: prepared.secret },
        clock.now(),
      );
      changed(connection.id);
      return { connection, revealed: prepared.revealed, resumedWorkflows: [] };
    },

    /** A rename keeps everything; new credentials are a reconnect: held workflows resume. */
    update(
      id: string,
      name: string | undefined,
      credentials: Record<string, unknown> | undefined,
    ): ConnectionSaved {
      const current = existing(id);
      if (!credentials) {
        const connection = repo.update(id, { name }, clock.now())!;
        changed(id);
        return { connection, resumedWorkflows: [] };
      }
      const previous = repo.secretOf(id) ?? {};
      const prepared = prepareCredentials(current.kind, credentials, previous);
      // A signed-in connection keeps its sign-in (tokens, account, granted scopes) while its
      // OAuth client stays the same: the tokens belong to that client.
      const keepsSignIn =
        oauthProviderOf(current.kind) !== undefined &&
        typeof previous.refreshToken === 'string' &&
        current.fields.clientId === prepared.fields.clientId;
      const kept = keepsSignIn
        ? Object.fromEntries(
            ['accessToken', 'refreshToken', 'expiresAt', 'scope']
              .filter((k) => previous[k] !== undefined)
              .map((k) => [k, previous[k]]),
          )
        : {};
      const keptFields = keepsSignIn
        ? Object.fromEntries(
            [...(kindOrThrow(current.kind).signInFields ?? []), 'scopes']
              .filter((k) => current.fields[k] !== undefined)
              .map((k) => [k, current.fields[k]]),
          )
        : {};
      const fields = { ...keptFields, ...prepared.fields };
      const connection = repo.update(
        id,
        {
          name,
          account: keepsSignIn ? (prepared.account ?? current.account) : prepared.account,
          fields,
          secret: { ...prepared.secret, ...kept },
          status: 'unchecked',
        },
        clock.now(),
      )!;
      const resumedWorkflows = deps.release(id);
      changed(id);
      return { connection, resumedWorkflows };
    },

    rotate(id: string): ConnectionSaved {
      const current = existing(id);
      const kind = kindOrThrow(current.kind);
      const generated = Object.entries(kind.fields)
        .filter(([, f]) => f.generated)
        .map(([n]) => n);
      if (generated.length === 0) {
        throw new UserError(
          'invalid_input',
          `A ${kind.name} connection has no secret Switchyard makes; reconnect it with new credentials instead.`,
        );
      }
      const previous = { ...repo.secretOf(id) };
      for (const name of generated) delete previous[name];
      const prepared = prepareCredentials(current.kind, { ...current.fields }, previous);
      const connection = repo.update(
        id,
        { fields: prepared.fields, secret: prepared.secret },
        clock.now(),
      )!;
      changed(id);
      return { connection, revealed: prepared.revealed, resumedWorkflows: [] };
    },

    async test(input: {
      id?: string;
      kind?: string;
      credentials?: Record<string, unknown>;
    }): Promise<ConnectionTestResult> {
      if (input.id !== undefined) {
        existing(input.id);
        const opened = deps.access.open(input.id);
        const outcome = await testConnection(opened.connection, {
          ...opened,
          clock,
          redactor: deps.redactor,
        });
        const connection = record(input.id, outcome);
        changed(input.id);
        const { status: _status, ...result } = outcome;
        return { ...result, connection };
      }
      const prepared = prepareCredentials(input.kind!, input.credentials!);
      const opened = deps.access.openUnsaved({
        id: 'unsaved',
        kind: input.kind!,
        name: 'the new connection',
        credentials: { ...prepared.fields, ...prepared.secret },
      });
      const { status: _status, ...result } = await testConnection(opened.connection, {
        ...opened,
        clock,
        redactor: deps.redactor,
      });
      return result;
    },

    usage(id: string) {
      existing(id);
      return { workflows: usage.all(id, id) as { id: string; name: string; state: string }[] };
    },

    /** Sends a short real e-mail through an SMTP connection, to check delivery end to end. */
    async sendTestEmail(id: string, to: string): Promise<ConnectionTestResult> {
      const current = existing(id);
      if (current.kind !== 'smtp') {
        throw new UserError(
          'invalid_input',
          `"${current.name}" is not an e-mail (SMTP) connection.`,
        );
      }
      const settings = smtpSettingsOf(deps.access.open(id).connection);
      const from = settings.fromAddress ?? settings.username;
      if (!from || !from.includes('@')) {
        throw new UserError(
          'invalid_input',
          'Set a default sender address on this connection first.',
        );
      }
      const transport = await createSmtpTransport(settings, 15_000);
      try {
        const info = (await transport.sendMail({
          from,
          to,
          subject: 'Switchyard test e-mail',
          text: `This test e-mail was sent by Switchyard through "${current.name}" at ${clock.now().toISOString()}.`,
        })) as { messageId?: string; response?: string };
        const connection = repo.recordCheck(
          id,
          { ok: true, message: `Test e-mail accepted for ${to}.`, status: 'ok' },
          clock.now(),
        );
        changed(id);
        return {
          ok: true,
          message: `The server accepted the test e-mail for ${to} (${info.response ?? info.messageId ?? 'queued'}).`,
          connection,
        };
      } catch (error) {
        const failure = smtpError(error, `${settings.host}:${settings.port}`, [
          settings.password ?? '',
        ]);
        const connection = repo.recordCheck(
          id,
          {
            ok: false,
            message: failure.message,
            status: failure.code === 'auth_expired' ? 'needs_reconnect' : 'error',
          },
          clock.now(),
        );
        changed(id);
        return { ok: false, message: failure.message, connection };
      } finally {
        transport.close();
      }
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;

function throwError(error: Error): never {
  throw error;
}
