import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from '@playwright/test';
import { callApi } from '../support/http-api';
import { chain, debugStep, manualTrigger } from '../support/workflows';
import { expect, test } from './serve-fixture';
import { chooseTheme, gotoConnections, gotoSettings, messages, openApp } from './ui';

/** A loopback API that accepts one bearer token: what the connection is tested against. */
async function startApi(): Promise<{
  url: string;
  accept: (token: string) => void;
  server: Server;
}> {
  let accepted = '';
  const server = createServer((req, res) => {
    const ok = req.headers.authorization === `Bearer ${accepted}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { me: 'billing-bot' } : { error: 'invalid_token' }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/me`, accept: (t) => (accepted = t), server };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });

const row = (page: Page, name: string): Locator =>
  page.getByRole('list', { name: 'Connections' }).getByRole('listitem', { name });

test.use({ viewport: { width: 1280, height: 800 } });

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

for (const theme of ['Light', 'Dark'] as const) {
  test(`connect an HTTP bearer account, see it fail, reconnect and disconnect it (${theme.toLowerCase()})`, async ({
    page,
    app,
  }) => {
    const suffix = theme.toLowerCase();
    const api = await startApi();
    api.accept('tok-first-1111');
    try {
      await openApp(page, app);
      await gotoSettings(page);
      await chooseTheme(page, theme);
      await gotoConnections(page);
      await expect(page.getByRole('heading', { name: 'No connections yet' })).toBeVisible();
      await shot(page, `connections-empty-${suffix}`);

      // Add: pick the kind, the form is generated from its descriptor.
      await page.getByRole('button', { name: 'Add connection' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a connection' });
      await expect(dialog.getByRole('list', { name: 'Kinds of account' })).toBeVisible();
      await shot(page, `connection-kinds-${suffix}`);
      await dialog.getByRole('button', { name: /HTTP — bearer token/ }).click();
      const form = page.getByRole('dialog', { name: 'Connect HTTP — bearer token' });
      await form.getByLabel(/^Name/).fill('Billing API');
      await form.getByLabel('Test URL').fill('not a url');
      await form.getByRole('button', { name: 'Save connection' }).click();
      // Errors land on their fields, from the kind's zod schema.
      await expect(form.getByText('Token is required')).toBeVisible();
      await expect(form.getByLabel('Token')).toHaveAttribute('aria-invalid', 'true');
      await shot(page, `connection-form-errors-${suffix}`);

      await form.getByLabel('Token').fill('tok-wrong-0000');
      await form.getByLabel('Test URL').fill(api.url);
      await form.getByRole('button', { name: 'Test connection' }).click();
      await expect(form.getByRole('status')).toContainText('It did not work.');
      await expect(form.getByRole('status')).toContainText('401');
      await form.getByLabel('Token').fill('tok-first-1111');
      await form.getByRole('button', { name: 'Test connection' }).click();
      await expect(form.getByRole('status')).toContainText('It works.');
      await expect(form.getByRole('status')).toContainText('answered 200');
      await form.getByRole('button', { name: 'Save connection' }).click();
      await expect(form).toHaveCount(0);

      const billing = row(page, 'Billing API');
      await expect(billing.getByText('Not checked yet')).toBeVisible();
      await billing.getByRole('button', { name: 'Test now' }).click();
      await expect(billing.getByText('Connected', { exact: true })).toBeVisible();
      await expect(billing.getByText(/— passed$/)).toBeVisible();

      // The service stops accepting the token: "Test now" says it needs reconnecting.
      api.accept('tok-second-2222');
      await billing.getByRole('button', { name: 'Test now' }).click();
      await expect(billing.getByText('Needs reconnect', { exact: true })).toBeVisible();
      await expect(billing.getByRole('status')).toContainText('It did not work.');
      await billing.getByRole('button', { name: 'History of runs and checks' }).click();
      await expect(billing.getByTestId('check-row')).toHaveCount(2);
      await expect(billing.getByTestId('check-row').first()).toContainText('Needs reconnect');
      await page.mouse.move(0, 0);
      await shot(page, `connections-needs-reconnect-${suffix}`);

      // Health lists it with the same status and the way to fix it.
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Health' })
        .click();
      const [stored] = await callApi(app, 'connections:list', {});
      const step = { ...debugStep('bill'), connection: stored!.id };
      const wf = await callApi(app, 'workflows:save', {
        name: 'Invoices to billing',
        definition: chain(manualTrigger(), [step]),
      });
      await page.reload();
      const healthRow = page
        .getByRole('list', { name: 'Connections health' })
        .getByRole('listitem')
        .filter({ hasText: 'Billing API' });
      await expect(healthRow.getByText('Needs reconnect', { exact: true })).toBeVisible();
      // Both "Test now" calls went to the service as this account (the form's tests did not).
      await expect(healthRow.getByText('2 requests today')).toBeVisible();
      await expect(healthRow.getByRole('link', { name: 'Reconnect' })).toBeVisible();
      await healthRow.getByRole('link', { name: 'Reconnect' }).click();

      // Reconnect: the stored token shows as ••••; a new one is tested, then saved.
      await billing.getByRole('button', { name: 'Reconnect' }).click();
      const reconnect = page.getByRole('dialog', { name: 'Reconnect “Billing API”' });
      await expect(reconnect.getByLabel('Token')).toHaveAttribute('placeholder', '••••••••');
      await expect(reconnect.getByLabel('Test URL')).toHaveValue(api.url);
      await reconnect.getByLabel('Token').fill('tok-second-2222');
      await reconnect.getByRole('button', { name: 'Test connection' }).click();
      await expect(reconnect.getByRole('status')).toContainText('It works.');
      await reconnect.getByRole('button', { name: 'Reconnect' }).click();
      await expect(reconnect).toHaveCount(0);
      await expect(page.getByText('Reconnected “Billing API”.')).toBeVisible();
      await billing.getByRole('button', { name: 'Test now' }).click();
      await expect(billing.getByText('Connected', { exact: true })).toBeVisible();

      // Disconnect names the workflows that use it, and asks first.
      await billing.getByRole('button', { name: 'Disconnect' }).click();
      const confirm = page.getByRole('dialog', { name: 'Disconnect “Billing API”?' });
      await expect(
        confirm.getByRole('list', { name: 'Workflows using it' }).getByRole('link'),
      ).toHaveText([wf.name]);
      await shot(page, `connection-disconnect-${suffix}`);
      await confirm.getByRole('button', { name: 'Disconnect' }).click();
      await expect(page.getByRole('heading', { name: 'No connections yet' })).toBeVisible();
      expect(await callApi(app, 'connections:list', {})).toEqual([]);
    } finally {
      api.server.close();
    }
  });
}

test('a webhook endpoint’s signing secret is made on save and shown once, with a copy button', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await gotoConnections(page);
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page
    .getByRole('dialog', { name: 'Add a connection' })
    .getByRole('button', { name: /Webhook endpoint/ })
    .click();
  const form = page.getByRole('dialog', { name: 'Connect Webhook endpoint' });
  await expect(form.getByText('Switchyard makes it when you save')).toBeVisible();
  await form.getByLabel('Endpoint URL').fill('https://example.com/hooks/in');
  await form.getByRole('button', { name: 'Save connection' }).click();
  const secret = form.locator('pre code');
  await expect(secret).toHaveText(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await expect(form.getByRole('button', { name: 'Copy Signing secret' })).toBeVisible();
  const shown = await secret.textContent();
  await form.getByRole('button', { name: 'Done' }).click();
  await expect(row(page, 'Webhook endpoint')).toBeVisible();
  // Never again: not in the list, not in what the engine sends the renderer.
  await expect(page.getByText(shown!)).toHaveCount(0);
  expect(JSON.stringify(await callApi(app, 'connections:list', {}))).not.toContain(shown!.slice(6));
});

test('the inspector’s account picker connects a new account inline and chooses it for the step', async ({
  page,
  app,
}) => {
  const saved = await callApi(app, 'workflows:save', {
    name: 'Mail the team',
    definition: chain(manualTrigger(), [
      {
        id: 'send_1',
        type: 'action',
        connector: 'email',
        operation: 'send',
        position: { x: 0, y: 0 },
        config: {},
      },
    ]),
  });
  await openApp(page, app);
  await page.goto(`${app.origin}/#/workflows/${saved.id}`);
  const canvas = page.getByRole('region', { name: 'Workflow canvas' });
  await canvas.getByRole('group', { name: 'Send an e-mail, send_1' }).click();
  const inspector = page.getByRole('complementary', { name: /^Inspector/ });
  await expect(inspector.getByText('No E-mail account connected yet')).toBeVisible();
  await inspector.getByRole('button', { name: 'Connect a new account' }).click();
  // Only the kinds the step accepts: SMTP is the one, so its form opens at once.
  const form = page.getByRole('dialog', { name: 'Connect E-mail (SMTP)' });
  await form.getByLabel(/^Name/).fill('Team mailbox');
  await form.getByLabel('SMTP server').fill('smtp.example.com');
  await form.getByLabel(/^Username/).fill('team@example.com');
  await form.getByLabel(/^Password/).fill('pw-team-1234');
  await shot(page, 'inspector-connect-account-light');
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form).toHaveCount(0);
  const picker = inspector.getByLabel('Account');
  await expect(picker.locator('option:checked')).toHaveText('Team mailbox (team@example.com)');
  const [stored] = await callApi(app, 'connections:list', {});
  await expect(picker).toHaveValue(stored!.id);
});
