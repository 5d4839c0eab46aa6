import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture';
import { addMapping, addOpenWebhookTrigger, inspector, messages, openApp, palette } from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

test.use({ viewport: { width: 1600, height: 900 } });

const canvasOf = (page: Page) => page.getByRole('region', { name: 'Workflow canvas' });

/** The API the workflow calls: a real server on 127.0.0.1 that keeps what it receives. */
async function startCrm() {
  const received: { method: string; url: string; type: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        type: req.headers['content-type'] ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `lead-${received.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/leads`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('a webhook → mapping → HTTP request workflow built in the UI calls the API on a test event', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000); // builds a workflow by hand, then waits for a background run
  const crm = await startCrm();
  try {
    await openApp(page, app);
    await page.getByRole('button', { name: 'New workflow' }).click();
    await addOpenWebhookTrigger(page);
    await addMapping(page, 'email', '{{trigger.body.email}}');

    await palette(page).getByRole('button', { name: 'Add HTTP · Send an HTTP request' }).click();
    const setup = inspector(page);
    await expect(setup).toHaveAccessibleName(/Send an HTTP request/);
    // The account is optional: a public API needs none.
    await expect(setup.getByRole('combobox', { name: 'Account' })).toHaveCount(0);
    await expect(setup.getByText('Sent without authentication.')).toBeVisible();
    await setup.getByRole('combobox', { name: 'Method' }).selectOption('POST');
    await setup.getByRole('textbox', { name: 'URL' }).fill(crm.url);
    await setup.getByRole('combobox', { name: 'Body' }).selectOption({ label: 'JSON' });
    await setup
      .getByRole('textbox', { name: 'Body content' })
      .fill('{"email": "{{mapping_1.email}}", "source": "webhook"}');
    await page.screenshot({ path: 'test-results/screens/http-request-inspector-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/screens/http-request-inspector-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });

    const enabled = page.getByRole('switch', { name: 'Enabled' });
    await enabled.click();
    await expect(enabled).toHaveAttribute('aria-checked', 'true');

    await canvasOf(page)
      .getByRole('group', { name: /Send an HTTP request/ })
      .click();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(inspector(page)).toHaveAccessibleName(/When a webhook arrives/);
    const address = inspector(page).getByRole('region', { name: 'Webhook address' });
    const url = ((await address.getByRole('code').first().textContent()) ?? '').trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/[\w-]+$/);

    const event = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'grace@example.com' }),
    });
    expect(event.status).toBe(202);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Runs' })
      .click();
    const rows = page.getByRole('listbox', { name: 'Runs' }).getByRole('option');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Succeeded', { timeout: 15_000 });
    expect(crm.received).toEqual([
      {
        method: 'POST',
        url: '/leads',
        type: 'application/json',
        body: JSON.stringify({ email: 'grace@example.com', source: 'webhook' }),
      },
    ]);
    await rows.first().click();
    const steps = page.getByRole('list', { name: 'Steps' });
    await expect(steps).toContainText('http.request');
    await expect(steps).toContainText('Succeeded');
    // The step's output is the API's answer.
    await expect(steps).toContainText('"id": "lead-1"');
  } finally {
    await crm.close();
  }
});

test('the e-mail and outgoing webhook steps render their settings in the inspector', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page.getByRole('button', { name: 'New workflow' }).click();
  await palette(page).getByRole('button', { name: 'Add Webhook · When a webhook arrives' }).click();
  await palette(page).getByRole('button', { name: 'Add E-mail · Send an e-mail' }).click();
  const setup = inspector(page);
  await expect(setup).toHaveAccessibleName(/Send an e-mail/);
  await expect(setup.getByText('No E-mail account connected yet.', { exact: false })).toBeVisible();
  await setup.getByRole('textbox', { name: 'To' }).fill('not-an-address');
  await expect(setup.getByText('"not-an-address" is not an e-mail address').first()).toBeVisible();
  await setup.getByRole('textbox', { name: 'To' }).fill('{{trigger.body.email}}');
  await setup.getByRole('textbox', { name: 'Subject' }).fill('Welcome!');
  await page.screenshot({ path: 'test-results/screens/email-inspector-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/email-inspector-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await palette(page).getByRole('button', { name: 'Add Outgoing webhook · Send an event' }).click();
  await expect(setup).toHaveAccessibleName(/Send an event/);
  await setup.getByRole('textbox', { name: 'Event name' }).fill('lead.created');
  await page.screenshot({ path: 'test-results/screens/webhook-out-inspector-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/webhook-out-inspector-dark.png' });
});
