import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture';
import { callApi } from '../support/http-api';
import { addMapping, addOpenWebhookTrigger, inspector, messages, openApp, palette } from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

test.use({ viewport: { width: 1600, height: 900 } });

const canvasOf = (page: Page) => page.getByRole('region', { name: 'Workflow canvas' });

test('a webhook → mapping → debug workflow built in the UI runs when an event arrives', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page.getByRole('button', { name: 'New workflow' }).click();
  await expect(page.getByText('Add a trigger to start')).toBeVisible();

  await addOpenWebhookTrigger(page);
  await addMapping(page, 'email', '{{trigger.body.email}}');
  await palette(page).getByRole('button', { name: 'Add Debug · Record data' }).click();

  const enabled = page.getByRole('switch', { name: 'Enabled' });
  await enabled.click();
  await expect(enabled).toHaveAttribute('aria-checked', 'true');

  // The trigger's inspector shows the URL to send to, with a curl example.
  // Arrow keys move the selection along the graph: back from the debug step to the trigger.
  await canvasOf(page)
    .getByRole('group', { name: /Record data/ })
    .click();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(inspector(page)).toHaveAccessibleName(/When a webhook arrives/);
  const address = inspector(page).getByRole('region', { name: 'Webhook address' });
  const url = (await address.getByRole('code').first().textContent()) ?? '';
  await expect(address.getByRole('code').first()).toHaveText(
    /^http:\/\/127\.0\.0\.1:\d+\/hooks\/[\w-]+$/,
  );
  await expect(address.getByText('Try it with curl')).toBeVisible();
  await expect(address.getByRole('button', { name: 'Copy url' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/webhook-inspector-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/webhook-inspector-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  const response = await fetch(url.trim(), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'grace@example.com' }),
  });
  expect(response.status).toBe(202);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  const rows = page.getByRole('listbox', { name: 'Runs' }).getByRole('option');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Succeeded', { timeout: 15_000 });
  await rows.first().click();
  await expect(page.getByRole('group', { name: 'Trigger data' })).toContainText(
    'grace@example.com',
  );
});

test('a hosted form shows its errors next to the fields and thanks the visitor', async ({
  page,
  app,
}) => {
  const saved = await callApi(app, 'workflows:save', {
    name: 'Beta sign-up',
    definition: {
      trigger: {
        id: 'trigger',
        type: 'trigger',
        connector: 'form',
        operation: 'submission',
        position: { x: 0, y: 0 },
        config: {
          title: 'Join the beta',
          description: 'One e-mail a month. No spam.',
          fields: [
            { name: 'name', label: 'Name', type: 'text', required: true },
            { name: 'email', label: 'E-mail', type: 'email', required: true },
            { name: 'plan', label: 'Plan', type: 'select', options: ['Free', 'Pro'] },
            { name: 'terms', label: 'I accept the terms', type: 'checkbox', required: true },
          ],
          successMessage: 'Welcome aboard!',
        },
      },
      steps: [],
      edges: [],
    },
  });
  await callApi(app, 'workflows:enable', { id: saved.id });
  const endpoint = await callApi(app, 'triggers:endpoint', { workflowId: saved.id });
  await page.goto(`${app.origin}${endpoint.path}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Join the beta' })).toBeVisible();
  // The browser checks the same rules first; without them the server answers the same way.
  await page.getByRole('textbox', { name: 'Name' }).fill('Ada');
  await page.getByRole('textbox', { name: 'E-mail' }).fill('ada@example');
  await page.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
  await page.getByRole('button', { name: 'Sign up' }).click();
  const email = page.getByRole('textbox', { name: 'E-mail' });
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/must be an e-mail address/);
  await page.screenshot({ path: 'test-results/screens/form-errors-light.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/form-errors-dark.png', fullPage: true });
  await email.fill('ada@example.com');
  await page.getByRole('checkbox', { name: 'I accept the terms' }).check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('status')).toHaveText('Welcome aboard!');
});
