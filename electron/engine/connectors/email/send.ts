import { createHash } from 'node:crypto';
import { ConnectorError } from '@shared/connectors/errors';
import { addressEntries, addressOf, type EmailSendConfig } from '@shared/connectors/email';
import type { ActionContext, ConnectorImpl } from '../types';
import { createSmtpTransport, smtpError, smtpSettingsOf } from './transport';

const invalid = (message: string) =>
  new ConnectorError('invalid_input', message, { retryable: false });

const list = (value: string | readonly string[] | undefined) =>
  value === undefined ? undefined : addressEntries(value);

/**
 * Sends one e-mail through the step's SMTP connection. The Message-ID comes from the step's
 * idempotency key, so a message sent again after a crash can be recognised as the same one.
 */
export async function sendEmail(ctx: ActionContext, config: EmailSendConfig) {
  const connection = ctx.connection;
  if (!connection || connection.kind !== 'smtp') {
    throw invalid('Choose an e-mail (SMTP) account for this step.');
  }
  const settings = smtpSettingsOf(connection);
  const fallback =
    settings.fromAddress ?? (settings.username?.includes('@') ? settings.username : undefined);
  const fromText = config.from?.trim() || fallback;
  const fromAddress = fromText ? addressOf(fromText) : undefined;
  if (!fromAddress) {
    throw invalid(
      fromText
        ? `From: "${fromText}" is not an e-mail address.`
        : `No sender: set “From address” on this step or a default sender address on "${connection.name}".`,
    );
  }
  const from = config.fromName ? { name: config.fromName, address: fromAddress } : fromText!;
  const domain = fromAddress.split('@')[1] ?? 'switchyard.local';
  const digest = createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 32);
  const transport = await createSmtpTransport(settings);
  try {
    const info = (await transport.sendMail({
      from,
      to: list(config.to),
      cc: list(config.cc),
      bcc: list(config.bcc),
      replyTo: list(config.replyTo),
      subject: config.subject,
      text: config.text,
      html: config.html,
      messageId: `<${digest}.switchyard@${domain}>`,
    })) as { messageId?: string; accepted?: unknown[]; rejected?: unknown[]; response?: string };
    return {
      messageId: info.messageId ?? null,
      accepted: (info.accepted ?? []).map(String),
      rejected: (info.rejected ?? []).map(String),
      response: info.response ?? null,
    };
  } catch (error) {
    throw smtpError(error, `${settings.host}:${settings.port}`, [settings.password ?? '']);
  } finally {
    transport.close();
  }
}

export const emailImpl: ConnectorImpl = {
  id: 'email',
  triggers: {},
  actions: { send: { run: sendEmail } },
};
