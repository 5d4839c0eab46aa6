import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture';
import { messages, openApp } from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

test.use({ viewport: { width: 1600, height: 900 } });

const canvasOf = (page: Page) => page.getByRole('region', { name: 'Workflow canvas' });
const palette = (page: Page) => page.getByRole('complementary', { name: 'Steps' });
const inspector = (page: Page) => page.getByRole('complementary', { name: /^Inspector/ });

test('a webhook → mapping → debug workflow built in the UI runs when an event arrives', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page.getByRole('button', { name: 'New workflow' }).click();
  await expect(page.getByText('Add a trigger to start')).toBeVisible();

  await palette(page).getByRole('button', { name: 'Add Webhook · When a webhook arrives' }).click();
  await inspector(page)
    .getByRole('combobox', { name: 'Verification' })
    .selectOption({ label: 'None (anyone with the URL)' });
  await palette(page).getByRole('button', { name: 'Add Mapping' }).click();
  await inspector(page).getByRole('button', { name: 'Open mapping editor' }).click();
  const editor = page.getByRole('dialog', { name: /^Map fields/ });
  // A new mapping starts with one empty field.
  await editor.getByRole('textbox', { name: 'Target of field 1' }).fill('email');
  await editor
    .getByPlaceholder('Drop data here, or type {{trigger.field}} or a fixed value')
    .first()
    .fill('{{trigger.body.email}}');
  await editor.getByRole('button', { name: 'Done' }).click();
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
