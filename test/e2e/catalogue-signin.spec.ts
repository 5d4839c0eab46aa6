import { createServer } from 'node:net';
import { startXeroStub } from '../emulators/catalogue/xero';
import { CLIENT } from '../emulators/catalogue/oauth-stub';
import { expect, test } from './serve-fixture';
import { gotoConnections, messages, openApp, openCatalogueCategory } from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

test.use({ viewport: { width: 1280, height: 900 } });

/** A free loopback port, registered with the stub as the app's redirect URI (tests run side by side). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('signs in to Xero (its stub) through the browser and picks one of two organisations', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  const xero = await startXeroStub({ tenants: 2 });
  try {
    const redirectUri = `http://127.0.0.1:${await freePort()}/oauth2/callback`;
    xero.tokens.registerRedirectUri(redirectUri);
    await openApp(page, app);
    await gotoConnections(page);
    const accounting = await openCatalogueCategory(page, 'Accounting');
    await accounting.getByRole('button', { name: 'Connect Xero' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /Client ID/ }).fill(CLIENT.clientId);
    await dialog.getByLabel(/Client secret/).fill(CLIENT.clientSecret);
    await dialog.getByText('Advanced').click();
    await dialog.getByRole('textbox', { name: /Base URL/ }).fill(xero.url);
    // Xero takes only the redirect URI registered with the app: the form names it.
    await expect(
      dialog.getByText('http://localhost:47803/oauth2/callback', { exact: true }),
    ).toBeVisible();
    await dialog.getByRole('textbox', { name: /Redirect URI/ }).fill(redirectUri);
    await expect(dialog.getByText(redirectUri, { exact: true })).toBeVisible();
    await dialog
      .getByRole('textbox', { name: /Sign-in page URL/ })
      .fill(`${xero.url}/identity/connect/authorize`);
    await dialog.getByRole('textbox', { name: /Token URL/ }).fill(`${xero.url}/connect/token`);

    const tab = page.context().waitForEvent('page');
    await dialog.getByRole('button', { name: 'Sign in with Xero' }).click();
    const signInTab = await tab;
    // The stub approves at once and sends the browser back to the pinned loopback address.
    await expect(
      signInTab.getByText('Go back to Switchyard to choose the organisation'),
    ).toBeVisible();
    expect(signInTab.url().startsWith(redirectUri)).toBe(true);
    await signInTab.close();

    const picker = dialog.getByRole('group', { name: /Choose the organisation/ });
    await expect(picker.getByRole('radio')).toHaveCount(2);
    await expect(dialog.getByRole('button', { name: 'Use this organisation' })).toBeDisabled();
    await page.screenshot({ path: 'test-results/screens/catalogue-xero-tenant-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/screens/catalogue-xero-tenant-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
    await picker.getByRole('radio', { name: 'Real Ltd' }).check();
    await dialog.getByRole('button', { name: 'Use this organisation' }).click();
    await expect(dialog).toHaveCount(0);

    const row = page.getByRole('list', { name: 'Connections' }).getByRole('listitem').first();
    await expect(row).toContainText('Real Ltd');
    await row.getByRole('button', { name: 'Test now' }).click();
    await expect(row.getByText('Connected', { exact: true })).toBeVisible();
    await expect(row.getByRole('status')).toContainText('Real Ltd');
    expect(xero.received.at(-1)!.headers['xero-tenant-id']).toBe('tenant-real');
    // The tokens stayed in the engine: nothing the page holds names them.
    expect(await page.content()).not.toContain('access-1');
    expect(await page.content()).not.toContain('good-refresh-token');
  } finally {
    await xero.close();
  }
});
