import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture';
import {
  chooseTheme,
  createWorkflow,
  expectCanvas,
  gotoSettings,
  messages,
  openApp,
  renameWorkflow,
  workflowLink,
} from './ui';

/**
 * Screenshots of the main screens in both themes, for a person to look at
 * (test-results/screens/, not compared automatically).
 */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });

const gotoWorkflows = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click();

test.use({ viewport: { width: 1280, height: 800 } });

for (const theme of ['Light', 'Dark'] as const) {
  test(`screens in the ${theme.toLowerCase()} theme`, async ({ page, app }) => {
    const suffix = theme.toLowerCase();
    await openApp(page, app);
    await gotoSettings(page);
    await chooseTheme(page, theme);
    await gotoWorkflows(page);
    await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
    await shot(page, `empty-${suffix}`);

    await createWorkflow(page, 'Untitled workflow');
    await renameWorkflow(page, 'Untitled workflow', 'New sheet rows → CRM contacts');
    await createWorkflow(page, 'Untitled workflow');
    await renameWorkflow(
      page,
      'Untitled workflow',
      'Forward every incoming webhook from the shop to the accounting team, with the order number in the subject line',
    );
    await createWorkflow(page, 'Untitled workflow');
    await page.mouse.move(0, 0);
    await shot(page, `workflows-${suffix}`);

    await page.getByRole('button', { name: 'Rename Untitled workflow' }).click();
    await page.getByRole('textbox', { name: 'Workflow name' }).fill('');
    await page.getByRole('textbox', { name: 'Workflow name' }).press('Enter');
    await expect(page.getByText('Name must not be empty.')).toBeVisible();
    await shot(page, `rename-error-${suffix}`);
    await page.getByRole('textbox', { name: 'Workflow name' }).press('Escape');

    await page.getByRole('button', { name: 'Delete New sheet rows → CRM contacts' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shot(page, `delete-dialog-${suffix}`);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await workflowLink(page, 'New sheet rows → CRM contacts').click();
    await expectCanvas(page, 'New sheet rows → CRM contacts');
    await shot(page, `canvas-${suffix}`);

    await gotoSettings(page);
    await page.getByRole('textbox', { name: 'Public base URL' }).fill('not a url');
    await page
      .getByRole('region', { name: 'Webhooks' })
      .getByRole('button', { name: 'Save' })
      .click();
    await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
    await shot(page, `settings-${suffix}`);

    await page.setViewportSize({ width: 820, height: 600 });
    await gotoWorkflows(page);
    await expect(page.getByTestId('workflow-row')).toHaveCount(3);
    await shot(page, `workflows-narrow-${suffix}`);
  });
}

test('screen: the refusal page without the token', async ({ page, app }) => {
  await page.goto(app.origin);
  await expect(page.getByRole('heading', { name: 'Not authorised' })).toBeVisible();
  await shot(page, 'unauthorised');
});

test('screen: the message shown when the server restarted under an open tab', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await createWorkflow(page, 'Untitled workflow');
  // A freshly opened tab that has finished loading (the list, and the settings every start
  // loads), so the restart cuts off nothing but the tab's session.
  await page.goto('about:blank');
  const loaded = ['workflows:list', 'settings:get', 'app:info'].map((channel) =>
    page.waitForResponse((r) => r.url().endsWith(`/api/call/${channel}`)),
  );
  await page.goto(`${app.origin}/`);
  await Promise.all(loaded);
  await expect(workflowLink(page, 'Untitled workflow')).toBeVisible();
  await app.restart();
  await page.getByRole('button', { name: 'New workflow' }).click();
  await expect(messages(page)).toBeVisible();
  await shot(page, 'message-light');
  await messages(page).getByRole('button', { name: 'Dismiss message' }).click();
});
