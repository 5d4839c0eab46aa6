import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What the server received: the SMTP envelope and the parsed message. */
export interface ReceivedMail {
  from: string | false;
  to: string[];
  user?: string;
  mail: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1, port 0, without TLS (the `none` security setting), that
 * takes a login and keeps every message it accepts, parsed with mailparser.
 */
export async function startSmtpServer(
  options: {
    users?: Record<string, string>;
    /** Answers RCPT TO for this address with a 4xx (temporary) or 5xx (permanent) error. */
    refuse?: { address: string; code: number };
  } = {},
) {
  const received: ReceivedMail[] = [];
  const users = options.users ?? { mailer: 'mail-pass-77' };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username && users[auth.username] === auth.password) {
        return callback(null, { user: auth.username });
      }
      return callback(
        Object.assign(new Error('Invalid username or password'), { responseCode: 535 }),
      );
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse && address.address === options.refuse.address) {
        return callback(
          Object.assign(new Error(`Mailbox ${address.address} refused`), {
            responseCode: options.refuse.code,
          }),
        );
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom && session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
            mail,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
