import type { Transporter } from 'nodemailer';
import { ConnectorError } from '@shared/connectors/errors';
import { SmtpCredentials } from '@shared/connections/kinds';
import type { z } from 'zod';
import { readCredentials } from '../../connections/credentials';
import type { OpenedConnection } from '../../connections/auth';

export type SmtpSettings = z.infer<typeof SmtpCredentials>;

/** Loopback hosts may run without TLS (a local relay); anything else must not silently downgrade. */
const isLoopback = (host: string) => /^(127\.|localhost$|\[?::1\]?$)/.test(host);

export function smtpSettingsOf(connection: OpenedConnection): SmtpSettings {
  return readCredentials(
    SmtpCredentials,
    connection.credentials,
    `the connection "${connection.name}"`,
  );
}

/** A nodemailer transport for one send or verify; closed by the caller. */
export async function createSmtpTransport(
  settings: SmtpSettings,
  timeoutMs = 30_000,
): Promise<Transporter> {
  // Loaded on first use: nodemailer costs about 20 MB in each thread that loads it.
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth:
      settings.username && settings.password
        ? { user: settings.username, pass: settings.password }
        : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    tls: isLoopback(settings.host) ? { rejectUnauthorized: false } : undefined,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  message?: string;
  response?: string;
}

/** Reads nodemailer's failures as the engine's errors: auth, refused input, or transient. */
export function smtpError(
  error: unknown,
  where: string,
  secrets: readonly string[],
): ConnectorError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  let said = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').slice(0, 300);
  for (const secret of secrets) if (secret.length > 0) said = said.split(secret).join('[REDACTED]');
  const message = `${said} (SMTP ${where})`;
  const status = e.responseCode;
  if (e.code === 'EAUTH' || status === 535 || status === 534 || status === 530) {
    return new ConnectorError('auth_expired', `The mail server refused the login: ${message}`, {
      retryable: false,
      status,
    });
  }
  // A recipient refused for now (4xx) is worth a retry, even when every recipient was (EENVELOPE).
  if (status !== undefined && status >= 400 && status < 500) {
    return new ConnectorError('server_error', `The mail server asked to try later: ${message}`, {
      retryable: true,
      status,
    });
  }
  if (e.code === 'EENVELOPE' || (status !== undefined && status >= 550 && status <= 554)) {
    return new ConnectorError('invalid_input', `The mail server refused the message: ${message}`, {
      retryable: false,
      status,
    });
  }
  if (e.code === 'ETIMEDOUT') return new ConnectorError('timeout', message, { retryable: true });
  if (e.code === 'ETLS' || /certificate|ssl|tls/i.test(said)) {
    return new ConnectorError(
      'invalid_input',
      `TLS failed: ${message}. Check the security setting and port.`,
      {
        retryable: false,
      },
    );
  }
  return new ConnectorError('network', message, { retryable: true });
}
