import { startTwilioStub } from '../emulators/catalogue/twilio';
import { expect, test } from './serve-fixture';
import { callApi } from '../support/http-api';
import {
  gotoConnections,
  inspector,
  messages,
  openApp,
  openCatalogueCategory,
  palette,
} from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

test.use({ viewport: { width: 1600, height: 900 } });

test('browse the catalogue by category, connect Twilio (its stub), and a form → Twilio SMS workflow sends the text', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000); // connects, builds by hand, then waits for a background run
  const twilio = await startTwilioStub();
  try {
    await openApp(page, app);
    await gotoConnections(page);
    const email = await openCatalogueCategory(page, 'Email');
    await expect(email.getByRole('button', { name: 'Connect SendGrid' })).toBeVisible();
    await expect(email.getByRole('button', { name: 'Connect Twilio' })).toHaveCount(0);
    const messaging = await openCatalogueCategory(page, 'Messaging');
    for (const name of [
      'Twilio',
      'Slack',
      'Microsoft Teams',
      'Vonage',
      'Plivo',
      'WhatsApp Business',
    ])
      await expect(messaging.getByRole('button', { name: `Connect ${name}` })).toBeVisible();
    await page.screenshot({
      path: 'test-results/screens/catalogue-browser-light.png',
      fullPage: true,
    });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({
      path: 'test-results/screens/catalogue-browser-dark.png',
      fullPage: true,
    });
    await page.emulateMedia({ colorScheme: 'light' });

    await messaging.getByRole('button', { name: 'Connect Twilio' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /Account SID/ }).fill(twilio.account.sid);
    await dialog.getByLabel(/Auth token/).fill(twilio.account.token);
    await dialog.getByText('Advanced').click();
    await dialog.getByRole('textbox', { name: /Base URL/ }).fill(twilio.baseUrl);
    await page.screenshot({ path: 'test-results/screens/catalogue-twilio-form-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/screens/catalogue-twilio-form-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(
      dialog.getByText(/Twilio accepted the credentials \(Stub account\)/),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Save connection' }).click();
    await expect(page.getByRole('list', { name: 'Connections' })).toContainText('Twilio');

    // form → Twilio SMS, built on the canvas.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Workflows' })
      .click();
    await page.getByRole('button', { name: 'New workflow' }).click();
    await palette(page)
      .getByRole('button', { name: 'Add Form · When a form is submitted' })
      .click();
    await palette(page).getByRole('button', { name: 'Add Twilio · Send an SMS' }).click();
    const setup = inspector(page);
    await expect(setup).toHaveAccessibleName(/Send an SMS/);
    await setup.getByRole('combobox', { name: /Account/ }).selectOption({ index: 1 });
    await setup.getByRole('textbox', { name: /^To/ }).fill('(415) 555-2671');
    await setup.getByRole('textbox', { name: /^From/ }).fill('+14155550100');
    await setup
      .getByRole('textbox', { name: /^Message/ })
      .fill('New sign-up: {{trigger.name}} <{{trigger.email}}>');
    await page.screenshot({ path: 'test-results/screens/catalogue-twilio-step-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/screens/catalogue-twilio-step-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
    const enabled = page.getByRole('switch', { name: 'Enabled' });
    await enabled.click();
    await expect(enabled).toHaveAttribute('aria-checked', 'true');

    const workflowId = /#\/workflows\/([\w-]+)$/.exec(page.url())![1]!;
    const endpoint = await callApi(app, 'triggers:endpoint', { workflowId });
    await page.goto(`${app.origin}${endpoint.path}`);
    await page.getByRole('textbox', { name: 'Name' }).fill('Ada Lovelace');
    await page.getByRole('textbox', { name: 'E-mail' }).fill('ada@example.com');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByText('Thank you! Your sign-up was received.')).toBeVisible();

    await expect.poll(() => twilio.sent.length, { timeout: 20_000 }).toBe(1);
    expect(twilio.sent[0]).toMatchObject({
      to: '+14155552671',
      from: '+14155550100',
      body: 'New sign-up: Ada Lovelace <ada@example.com>',
    });
    await openApp(page, app);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Runs' })
      .click();
    const rows = page.getByRole('listbox', { name: 'Runs' }).getByRole('option');
    await expect(rows.first()).toContainText('Succeeded', { timeout: 15_000 });
  } finally {
    await twilio.close();
  }
});
