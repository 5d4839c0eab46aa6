import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startSmtpServer } from '../emulators/smtp/server';
import { callApi } from '../support/http-api';
import { expect, test } from './serve-fixture';
import { gotoConnections, messages, openApp } from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

test.use({ viewport: { width: 1400, height: 900 } });

test('“Send test event” signs an event the receiver verifies and shows its answer', async ({
  page,
  app,
}) => {
  const bodies: string[] = [];
  let secret = '';
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      bodies.push(body);
      try {
        new Webhook(secret).verify(body, req.headers as Record<string, string>);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ verified: true, note: 'thanks' }));
      } catch {
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  try {
    const port = (receiver.address() as AddressInfo).port;
    const made = await callApi(app, 'connections:create', {
      kind: 'webhook_endpoint',
      name: 'CRM hook',
      credentials: { url: `http://127.0.0.1:${port}/in` },
    });
    secret = made.revealed!.secret!;
    await openApp(page, app);
    await gotoConnections(page);
    const row = page.getByRole('listitem', { name: 'CRM hook' });
    await row.getByRole('button', { name: 'Send test event' }).click();
    const outcome = row.getByRole('status');
    await expect(outcome).toContainText('It works. The endpoint answered 200.');
    await expect(outcome).toContainText('Answered 200 in');
    await expect(outcome.getByRole('group', { name: 'Response body' })).toContainText(
      '"verified": true',
    );
    expect(JSON.parse(bodies[0]!)).toMatchObject({ type: 'switchyard.test' });
    await page.screenshot({ path: 'test-results/screens/send-test-event-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/screens/send-test-event-dark.png' });
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
  }
});

test('“Send test e-mail” delivers a message to the SMTP server', async ({ page, app }) => {
  const smtp = await startSmtpServer();
  try {
    await callApi(app, 'connections:create', {
      kind: 'smtp',
      name: 'Office mail',
      credentials: {
        host: smtp.host,
        port: smtp.port,
        security: 'none',
        username: 'mailer',
        password: 'mail-pass-77',
        fromAddress: 'sales@acme.test',
      },
    });
    await openApp(page, app);
    await gotoConnections(page);
    const row = page.getByRole('listitem', { name: 'Office mail' });
    await row.getByRole('button', { name: 'Send test e-mail' }).click();
    await row.getByRole('textbox', { name: 'Send a test e-mail to' }).fill('ada@example.com');
    await row.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(row.getByRole('status')).toContainText(
      'It works. The server accepted the test e-mail for ada@example.com',
    );
    expect(smtp.received.map((m) => [m.to, m.mail.subject])).toEqual([
      [['ada@example.com'], 'Switchyard test e-mail'],
    ]);
    await page.screenshot({ path: 'test-results/screens/send-test-email-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/screens/send-test-email-dark.png' });
  } finally {
    await smtp.close();
  }
});
