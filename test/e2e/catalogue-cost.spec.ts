import { AZURE, startAzureCostStub } from '../emulators/catalogue/azure_cost_management';
import { expect, test } from './serve-fixture';
import { gotoConnections, messages, openApp, openCatalogueCategory } from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

test('the Cloud category lists the three cost services; Azure connects with client credentials (its stub)', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  const azure = await startAzureCostStub();
  try {
    await openApp(page, app);
    await gotoConnections(page);
    const cloud = await openCatalogueCategory(page, 'Cloud');
    for (const name of ['AWS Cost Explorer', 'Azure Cost Management', 'Google Cloud Billing'])
      await expect(cloud.getByRole('button', { name: `Connect ${name}` })).toBeVisible();

    await cloud.getByRole('button', { name: 'Connect Azure Cost Management' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /Directory \(tenant\) ID/ }).fill(AZURE.tenantId);
    await dialog.getByRole('textbox', { name: /Application \(client\) ID/ }).fill(AZURE.clientId);
    await dialog.getByLabel(/Client secret/).fill(AZURE.clientSecret);
    await dialog.getByRole('textbox', { name: /^Scope/ }).fill(AZURE.scope);
    await dialog.getByText('Advanced').click();
    await dialog.getByRole('textbox', { name: /Base URL/ }).fill(azure.url);
    await dialog
      .getByRole('textbox', { name: /Token URL/ })
      .fill(`${azure.url}/${AZURE.tenantId}/oauth2/v2.0/token`);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByText(/Azure Cost Management accepted the credentials/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Save connection' }).click();
    await expect(page.getByRole('list', { name: 'Connections' })).toContainText(
      'Azure Cost Management',
    );
    // The secret went only to the token endpoint, as the client-credentials grant sends it.
    const token = azure.received.find((r) => r.path.endsWith('/oauth2/v2.0/token'))!;
    expect(token.form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: AZURE.clientId,
    });
  } finally {
    await azure.close();
  }
});
