import { afterEach, describe, expect, it } from 'vitest';
import { addressOf } from '@shared/connectors/email';
import type { ConnectionSaved } from '@shared/ipc/contract';
import type { RunDetail } from '@shared/runs';
import { startSmtpServer } from '../../../../test/emulators/smtp/server';
import { call, useRunHarness } from '../../../../test/support/run-harness';
import { chain, manualTrigger } from '../../../../test/support/workflows';

const setUp = useRunHarness();
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function world(
  config: Record<string, unknown>,
  options: Parameters<typeof startSmtpServer>[0] & { password?: string } = {},
) {
  const smtp = await startSmtpServer(options);
  servers.push(smtp);
  const harness = setUp();
  const { connection } = await call<ConnectionSaved>(harness.engine, 'connections:create', {
    kind: 'smtp',
    name: 'Office mail',
    credentials: {
      host: smtp.host,
      port: smtp.port,
      security: 'none',
      username: 'mailer',
      password: options.password ?? 'mail-pass-77',
      fromAddress: 'sales@acme.test',
    },
  });
  const workflowId = await harness.save(
    chain(manualTrigger(), [
      {
        id: 'mail',
        type: 'action',
        connector: 'email',
        operation: 'send',
        connection: connection.id,
        position: { x: 0, y: 0 },
        config,
      },
    ]),
  );
  const send = async (data: Record<string, unknown>) => {
    const [runId] = harness.accept(workflowId, { id: `item-${Math.random()}`, data }).runIds;
    await harness.drain();
    return call<RunDetail>(harness.engine, 'runs:get', { id: runId });
  };
  return { smtp, send, engine: harness.engine, connectionId: connection.id };
}

describe('the e-mail action', () => {
  it('delivers from, name, reply-to, to/cc/bcc, subject, text and HTML built from mapped data', async () => {
    const { smtp, send } = await world({
      to: '{{trigger.email}}, Boss <boss@acme.test>',
      cc: ['team@acme.test'],
      bcc: 'audit@acme.test',
      replyTo: 'help@acme.test',
      fromName: 'Acme Sales',
      subject: 'Welcome, {{trigger.name}}',
      text: 'Hello {{trigger.name}}, thanks for signing up.',
      html: '<p>Hello <b>{{trigger.name}}</b></p>',
    });
    const run = await send({ email: 'ada@example.com', name: 'Ada' });
    expect(run.state).toBe('succeeded');
    expect(smtp.received).toHaveLength(1);
    const [arrived] = smtp.received;
    expect(arrived!.user).toBe('mailer');
    expect(arrived!.from).toBe('sales@acme.test');
    expect(arrived!.to.sort()).toEqual(
      ['ada@example.com', 'audit@acme.test', 'boss@acme.test', 'team@acme.test'].sort(),
    );
    const mail = arrived!.mail;
    expect(mail.from?.value).toEqual([{ name: 'Acme Sales', address: 'sales@acme.test' }]);
    expect(mail.replyTo?.value[0]?.address).toBe('help@acme.test');
    expect(mail.subject).toBe('Welcome, Ada');
    expect(mail.text?.trim()).toBe('Hello Ada, thanks for signing up.');
    expect(mail.html).toContain('<p>Hello <b>Ada</b></p>');
    expect(mail.headers.get('bcc')).toBeUndefined(); // Bcc travels only in the envelope
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}\.switchyard@acme\.test>$/);
    expect(run.steps.at(-1)?.output).toMatchObject({ messageId: mail.messageId });
  });

  it('refuses an address that is not one, before anything is sent', async () => {
    const { smtp, send } = await world({ to: '{{trigger.email}}', subject: 'Hi', text: 'x' });
    const run = await send({ email: 'ada(at)example.com' });
    expect(run.state).toBe('failed');
    expect(run.error).toMatchObject({ code: 'invalid_input', retryable: false });
    expect(run.error?.message).toContain('"ada(at)example.com" is not an e-mail address');
    expect(smtp.received).toHaveLength(0);
  });

  it('puts the workflow on hold when the server refuses the login', async () => {
    const { smtp, send } = await world(
      { to: 'ada@example.com', subject: 'Hi', text: 'x' },
      { password: 'wrong-password' },
    );
    const run = await send({});
    expect(run.state).toBe('on_hold');
    expect(run.error?.code).toBe('auth_expired');
    expect(JSON.stringify(run)).not.toContain('wrong-password');
    expect(smtp.received).toHaveLength(0);
  });

  it('retries when the server answers a recipient with a temporary error, not a permanent one', async () => {
    const later = await world(
      { to: 'busy@example.com', subject: 'Hi', text: 'x' },
      { refuse: { address: 'busy@example.com', code: 451 } },
    );
    expect(await later.send({})).toMatchObject({ state: 'retrying', error: { retryable: true } });
    const never = await world(
      { to: 'gone@example.com', subject: 'Hi', text: 'x' },
      { refuse: { address: 'gone@example.com', code: 550 } },
    );
    expect(await never.send({})).toMatchObject({
      state: 'failed',
      error: { code: 'invalid_input', retryable: false },
    });
  });

  it('sends the connection’s test e-mail (connections:sendmail) to the server', async () => {
    const { smtp, engine, connectionId } = await world({
      to: 'x@example.com',
      subject: 'x',
      text: 'x',
    });
    const result = await call<{ ok: boolean }>(engine, 'connections:sendmail', {
      id: connectionId,
      to: 'ada@example.com',
    });
    expect(result.ok).toBe(true);
    expect(smtp.received.map((m) => [m.to, m.mail.subject])).toEqual([
      [['ada@example.com'], 'Switchyard test e-mail'],
    ]);
  });

  it('reads addresses plain or with a display name', () => {
    expect(addressOf('ada@example.com')).toBe('ada@example.com');
    expect(addressOf('"Ada L." <ada@example.com>')).toBe('ada@example.com');
    expect(addressOf('Ada <ada@>')).toBeUndefined();
    expect(addressOf('')).toBeUndefined();
  });
});
