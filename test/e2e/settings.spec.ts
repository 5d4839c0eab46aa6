import { readFileSync } from 'node:fs';
import { expect, test } from './serve-fixture';
import { chooseTheme, gotoSettings, messages, openApp } from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

test('the theme choice applies at once and persists across reload and restart', async ({
  page,
  app,
  browser,
}) => {
  await openApp(page, app);
  await gotoSettings(page);
  const html = page.locator('html');
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
  await expect(html).toHaveAttribute('data-theme', 'system');

  await chooseTheme(page, 'Dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'System' })).not.toBeChecked();

  await page.reload();
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(html).toHaveAttribute('data-theme', 'dark');

  await chooseTheme(page, 'Light');
  // The tab is closed before the server restarts, so nothing it still loads is cut off.
  await page.goto('about:blank');
  await app.restart();
  // A fresh browser profile has nothing remembered locally: the theme comes from the engine.
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await openApp(other, app);
    await expect(other.locator('html')).toHaveAttribute('data-theme', 'light');
    await gotoSettings(other);
    await expect(other.getByRole('radio', { name: 'Light' })).toBeChecked();
    await expect(messages(other)).toHaveCount(0);
  } finally {
    await fresh.close();
  }
});

test('the theme is applied on every page, not only on Settings', async ({ page, app }) => {
  await openApp(page, app);
  await gotoSettings(page);
  await chooseTheme(page, 'Dark');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workflows' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(15, 15, 17)');
  await expect(page.locator('body')).toHaveCSS('color', 'rgb(236, 236, 240)');
});

test('a valid public base URL is saved and kept', async ({ page, app }) => {
  await openApp(page, app);
  await gotoSettings(page);
  const field = page.getByRole('textbox', { name: 'Public base URL' });
  const save = page.getByRole('region', { name: 'Webhooks' }).getByRole('button', { name: 'Save' });
  await expect(field).toHaveValue('');
  await expect(save).toBeDisabled();

  await field.fill('https://hooks.example.com');
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(save).toBeDisabled();

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Public base URL' })).toHaveValue(
    'https://hooks.example.com',
  );
});

test('an invalid public base URL is refused with a clear error and the old value stays', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await gotoSettings(page);
  const field = page.getByRole('textbox', { name: 'Public base URL' });
  const save = page.getByRole('region', { name: 'Webhooks' }).getByRole('button', { name: 'Save' });
  await field.fill('https://hooks.example.com');
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  for (const bad of ['not a url', 'ftp://files.example.com']) {
    await field.fill(bad);
    await save.click();
    const error = page.getByRole('main').getByRole('alert');
    await expect(error).toHaveText('The public base URL must be an http(s) URL.');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/must be an http\(s\) URL/);
    // What the user typed stays in the field to be corrected.
    await expect(field).toHaveValue(bad);
    await expect(page.getByText('Saved.')).toHaveCount(0);
  }

  // The stored value did not change.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Public base URL' })).toHaveValue(
    'https://hooks.example.com',
  );
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});

test('the About card describes this installation', async ({ page, app }) => {
  await openApp(page, app);
  await gotoSettings(page);
  const { version } = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  const about = page.getByRole('definition');
  await expect(about).toContainText([version, 'Browser (served by the engine)', app.dataDir]);
});

test('the Desktop app card says the desktop shell is absent in browser mode', async ({
  page,
  app,
}) => {
  test.slow(); // two theme changes and two screenshots
  await openApp(page, app);
  await gotoSettings(page);
  const card = page.getByRole('region', { name: 'Desktop app' });
  await expect(card.getByRole('note')).toHaveText(/belong to the desktop app/);
  await expect(card.getByRole('checkbox')).toHaveCount(0);
  for (const theme of ['Light', 'Dark'] as const) {
    await chooseTheme(page, theme);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `test-results/screens/settings-desktop-absent-${theme.toLowerCase()}.png`,
    });
  }
});

// Browser mode has no desktop shell, so its two answers are stubbed here to see the controls.
test('screenshots of the Desktop app card as the desktop app shows it', async ({ page, app }) => {
  test.slow(); // two theme changes and two full-page screenshots
  let prefs: Record<string, unknown> = {
    closeToTray: true,
    startAtLogin: false,
    notificationsEnabled: true,
    quietHours: { start: '22:00', end: '07:00' },
    mutedWorkflowIds: [],
  };
  await page.route(/\/api\/call\/desktop:(get|set)$/, async (route) => {
    if (route.request().url().endsWith(':set'))
      prefs = { ...prefs, ...(route.request().postDataJSON() as Record<string, unknown>) };
    await route.fulfill({ json: { ok: true, value: prefs } });
  });
  await openApp(page, app);
  await gotoSettings(page);
  const card = page.getByRole('region', { name: 'Desktop app' });
  await card.getByRole('checkbox', { name: 'Start at login' }).check();
  await expect(card.getByRole('checkbox', { name: 'Start at login' })).toBeChecked();
  await expect(card.getByLabel('From', { exact: true })).toHaveValue('22:00');
  for (const theme of ['Light', 'Dark'] as const) {
    await chooseTheme(page, theme);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `test-results/screens/settings-desktop-${theme.toLowerCase()}.png`,
      fullPage: true,
    });
  }
});

test('Runs at once is kept from 1 to 16, and anything else is refused naming the field', async ({
  page,
  app,
}) => {
  test.slow(); // a restart and two screenshots
  await openApp(page, app);
  await gotoSettings(page);
  const card = page.getByRole('region', { name: 'Background work' });
  const field = card.getByRole('spinbutton', { name: 'Runs at once' });
  const save = card.getByRole('button', { name: 'Save' });
  await expect(field).toHaveValue('8');
  await expect(field).toHaveAccessibleDescription(/strictly one at a time/);
  await expect(save).toBeDisabled();

  await field.fill('1');
  await save.click();
  await expect(card.getByRole('status')).toHaveText('Saved.');
  await expect(save).toBeDisabled();

  for (const [bad, why] of [
    ['0', 'must be at least 1'],
    ['17', 'must be at most 16'],
    ['2.5', 'must be a whole number from 1 to 16'],
    ['', 'must be a whole number from 1 to 16'],
  ] as const) {
    await field.fill(bad);
    await save.click();
    await expect(card.getByRole('alert')).toHaveText(`Runs at once ${why}.`);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveValue(bad);
    await expect(card.getByText('Saved.')).toHaveCount(0);
  }
  for (const theme of ['Light', 'Dark'] as const) {
    await chooseTheme(page, theme);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `test-results/screens/settings-runs-at-once-${theme.toLowerCase()}.png`,
    });
  }

  // The refused values changed nothing: 1 is what the engine keeps, across a restart too.
  await page.goto('about:blank');
  await app.restart();
  await openApp(page, app);
  await gotoSettings(page);
  await expect(
    page.getByRole('region', { name: 'Background work' }).getByRole('spinbutton', {
      name: 'Runs at once',
    }),
  ).toHaveValue('1');
});
