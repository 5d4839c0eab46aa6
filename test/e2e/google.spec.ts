import type { Page } from '@playwright/test';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google/server';
import { expect, test } from './serve-fixture';
import { chooseTheme, gotoSettings, messages, openApp } from './ui';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });

const gotoConnections = async (page: Page) => {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Connections' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
};

let emu: GoogleEmulator;
test.beforeEach(async () => {
  emu = await startGoogleEmulator({ driveVersionLagMs: 0 });
});
test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
  await emu.close();
});
test.use({ viewport: { width: 1280, height: 860 } });

/** Connects the emulator's Google account through the real sign-in: a new tab, then back. */
async function signInWithGoogle(page: Page, suffix: string) {
  await gotoConnections(page);
  await page.getByRole('button', { name: 'Add connection' }).click();
  const picker = page.getByRole('dialog', { name: 'Add a connection' });
  await picker.getByRole('button', { name: /Google account/ }).click();
  const form = page.getByRole('dialog', { name: 'Connect Google account' });
  await form.getByLabel('Name').fill('Ada’s Google');
  await form.getByLabel('OAuth client ID').fill(emu.client.clientId);
  await form.getByLabel('OAuth client secret').fill(emu.client.clientSecret);
  await form.getByText('Advanced').click();
  await form.getByLabel('Google address').fill(emu.url);
  await form.getByText('How to get a client ID').click();
  await expect(form.getByRole('button', { name: 'Save connection' })).toHaveCount(0);
  await shot(page, `google-connect-form-${suffix}`);

  const tab = page.context().waitForEvent('page');
  await form.getByRole('button', { name: 'Sign in with Google' }).click();
  const signInTab = await tab;
  // The emulator approves at once and sends the browser back to Switchyard's loopback port.
  await expect(signInTab.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await expect(signInTab.getByText('Signed in as ada@example.com')).toBeVisible();
  expect(new URL(signInTab.url()).hostname).toBe('127.0.0.1');
  await signInTab.close();
  await expect(form).toHaveCount(0);
}

for (const theme of ['Light', 'Dark'] as const) {
  test(`signs in with Google through the browser and tests the account (${theme.toLowerCase()})`, async ({
    page,
    app,
  }) => {
    const suffix = theme.toLowerCase();
    await openApp(page, app);
    await gotoSettings(page);
    await chooseTheme(page, theme);
    await signInWithGoogle(page, suffix);
    const row = page
      .getByRole('list', { name: 'Connections' })
      .getByRole('listitem', { name: 'Ada’s Google' });
    await expect(row).toContainText('ada@example.com');
    await row.getByRole('button', { name: 'Test now' }).click();
    await expect(row.getByText('Connected', { exact: true })).toBeVisible();
    await expect(row.getByRole('status')).toContainText('Signed in as ada@example.com');
    await page.mouse.move(0, 0);
    await shot(page, `google-connected-${suffix}`);
  });
}
