import { randomUUID } from 'node:crypto';
import { ConnectorError } from '@shared/connectors/errors';
import type { ConnectionSummary, ConnectionTestResult } from '@shared/ipc/contract';
import { prepareForLog } from '../http/log-payload';
import type { AuthInjector, HttpClient } from '../http/client';
import type { Redactor } from '../http/redact';
import type { Clock } from '../types';
import { createSmtpTransport, smtpError, smtpSettingsOf } from '../connectors/email/transport';
import { sendWebhookEvent } from '../connectors/webhook/send';
import type { OpenedConnection } from './auth';

export interface TestOutcome extends Omit<ConnectionTestResult, 'connection'> {
  /** The status to record; undefined leaves the stored status as it is (nothing was checked). */
  status?: ConnectionSummary['status'];
}

export interface TesterDeps {
  /** Authenticated as the connection. */
  http: HttpClient;
  clock: Clock;
  redactor: Redactor;
  /** The connection's own auth, for kinds whose check is getting a token. */
  auth?: AuthInjector;
  timeoutMs?: number;
}

type Tester = (connection: OpenedConnection, deps: TesterDeps) => Promise<TestOutcome>;

const failed = (error: unknown): TestOutcome => {
  const e = error instanceof ConnectorError ? error : undefined;
  const message = e?.message ?? (error instanceof Error ? error.message : String(error));
  return {
    ok: false,
    message,
    status: e?.code === 'auth_expired' || e?.code === 'forbidden' ? 'needs_reconnect' : 'error',
    response:
      e?.status !== undefined
        ? { status: e.status, body: e.details ?? null, durationMs: 0 }
        : undefined,
  };
};

/** A check the endpoint answered: the message, and its answer as the form shows it (redacted). */
const answered = (
  message: string,
  res: { status: number; body: unknown; durationMs: number },
  redactor: Redactor,
): TestOutcome => ({
  ok: true,
  message,
  status: 'ok',
  response: {
    status: res.status,
    body: prepareForLog(res.body, { redactor, maxBytes: 4096 }),
    durationMs: res.durationMs,
  },
});

async function getTestUrl(connection: OpenedConnection, deps: TesterDeps): Promise<TestOutcome> {
  const url = connection.credentials.testUrl;
  if (typeof url !== 'string' || url === '') {
    return {
      ok: false,
      message:
        'Saved, but not checked: add a test URL (an endpoint any valid credentials can read).',
    };
  }
  try {
    const res = await deps.http.request({ url, timeoutMs: deps.timeoutMs ?? 15_000 });
    return answered(`${url} answered ${res.status}.`, res, deps.redactor);
  } catch (error) {
    return failed(error);
  }
}

const TESTERS: Record<string, Tester> = {
  http_basic: getTestUrl,
  http_bearer: getTestUrl,
  http_api_key: getTestUrl,
  async oauth2(connection, deps) {
    if (typeof connection.credentials.testUrl === 'string') return getTestUrl(connection, deps);
    if (connection.credentials.grant !== 'client_credentials') {
      return { ok: false, message: 'Saved, but not checked: add a test URL to check the sign-in.' };
    }
    try {
      // Fetching a token is the check: apply() asks the token endpoint for one.
      await deps.auth?.apply({ url: new URL('http://127.0.0.1/'), headers: new Headers() });
      return { ok: true, message: 'The token endpoint issued a token.', status: 'ok' };
    } catch (error) {
      return failed(error);
    }
  },
  async smtp(connection, deps) {
    const settings = smtpSettingsOf(connection);
    const transport = await createSmtpTransport(settings, deps.timeoutMs ?? 15_000);
    try {
      await transport.verify();
      return {
        ok: true,
        message: `${settings.host}:${settings.port} accepted the ${settings.username ? 'login' : 'connection'}.`,
        status: 'ok',
      };
    } catch (error) {
      return failed(
        smtpError(error, `${settings.host}:${settings.port}`, [settings.password ?? '']),
      );
    } finally {
      transport.close();
    }
  },
  async webhook_endpoint(connection, deps) {
    try {
      const res = await sendWebhookEvent(deps.http, connection, deps.clock, {
        id: `msg_test_${randomUUID()}`,
        type: 'switchyard.test',
        data: { message: 'A test event from Switchyard.' },
        timeoutMs: deps.timeoutMs ?? 15_000,
      });
      return answered(`The endpoint answered ${res.status}.`, res, deps.redactor);
    } catch (error) {
      return failed(error);
    }
  },
};

/** Lets another kind plug in its own check ("reports the account e-mail and scopes"). */
export function registerConnectionTester(kind: string, tester: Tester): void {
  TESTERS[kind] = tester;
}

export async function testConnection(
  connection: OpenedConnection,
  deps: TesterDeps,
): Promise<TestOutcome> {
  const tester = TESTERS[connection.kind];
  if (!tester)
    return { ok: false, message: `Connections of kind ${connection.kind} cannot be tested yet.` };
  return tester(connection, deps);
}
