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
import type { Clock } from '../types';
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

  return {
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
      const prepared = prepareCredentials(current.kind, credentials, repo.secretOf(id) ?? {});
      const connection = repo.update(
        id,
        {
          name,
          account: prepared.account,
          fields: prepared.fields,
          secret: prepared.secret,
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
      const transport = createSmtpTransport(settings, 15_000);
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
