import { expect, test } from './serve-fixture';
import {
  createWorkflow,
  expectCanvas,
  messages,
  openApp,
  renameWorkflow,
  workflowLink,
  workflowList,
  workflowRows,
} from './ui';

test.afterEach(async ({ page }) => {
  // Whatever a test did, the engine never reported an error it did not expect.
  await expect(messages(page)).toHaveCount(0);
});

test('a new installation shows the empty state with a way to create a workflow', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
  await expect(page.getByText('Press N to create one.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'New workflow' })).toHaveCount(1);
  await expect(workflowList(page)).toHaveCount(0);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }),
  ).toHaveAttribute('aria-current', 'page');
});

test('a created workflow is listed and is still there after a reload', async ({ page, app }) => {
  await openApp(page, app);
  await createWorkflow(page, 'Untitled workflow');
  await expect(workflowRows(page)).toHaveCount(1);
  await expect(workflowRows(page)).toContainText(['Draft']);
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toHaveCount(0);

  // The N shortcut creates the next one, numbered so that names stay distinct.
  await page.keyboard.press('n');
  await expectCanvas(page, 'Untitled workflow 2');
  await page.getByRole('link', { name: 'Back to workflows' }).click();
  await expect(workflowRows(page)).toHaveCount(2);

  await page.reload();
  await expect(workflowLink(page, 'Untitled workflow')).toBeVisible();
  await expect(workflowLink(page, 'Untitled workflow 2')).toBeVisible();
  await expect(workflowRows(page)).toHaveCount(2);
});

test('a workflow can be renamed, and an empty name is refused', async ({ page, app }) => {
  await openApp(page, app);
  await createWorkflow(page, 'Untitled workflow');

  await renameWorkflow(page, 'Untitled workflow', 'Invoices to CRM');
  await expect(workflowLink(page, 'Untitled workflow')).toHaveCount(0);

  // An empty (or blank) name says why and keeps the field open.
  await page.getByRole('button', { name: 'Rename Invoices to CRM' }).click();
  const input = page.getByRole('textbox', { name: 'Workflow name' });
  await input.fill('   ');
  await input.press('Enter');
  const error = page.getByTestId('workflow-row').getByRole('alert');
  await expect(error).toHaveText('Name must not be empty.');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription('Name must not be empty.');
  await expect(input).toBeFocused();
  // Typing clears the error; Escape gives up and keeps the old name.
  await input.fill('Something else');
  await expect(error).toHaveCount(0);
  await input.press('Escape');
  await expect(input).toHaveCount(0);
  await expect(workflowLink(page, 'Invoices to CRM')).toBeVisible();

  await page.reload();
  await expect(workflowLink(page, 'Invoices to CRM')).toBeVisible();
  await expect(workflowRows(page)).toHaveCount(1);
});

test('double-clicking the name renames in place instead of opening the canvas', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await createWorkflow(page, 'Untitled workflow');
  await workflowLink(page, 'Untitled workflow').dblclick();
  const input = page.getByRole('textbox', { name: 'Workflow name' });
  await expect(input).toBeFocused();
  await input.fill('Weekly report');
  await input.press('Enter');
  await expect(workflowLink(page, 'Weekly report')).toBeVisible();
  await expect(page).toHaveURL(`${app.origin}/#/`);
});

test('deleting asks for confirmation, and Cancel keeps the workflow', async ({ page, app }) => {
  await openApp(page, app);
  await createWorkflow(page, 'Untitled workflow');
  await createWorkflow(page, 'Untitled workflow 2');

  await page.getByRole('button', { name: 'Delete Untitled workflow 2' }).click();
  let dialog = page.getByRole('dialog', { name: 'Delete “Untitled workflow 2”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This cannot be undone.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(workflowRows(page)).toHaveCount(2);

  await page.getByRole('button', { name: 'Delete Untitled workflow 2' }).click();
  dialog = page.getByRole('dialog', { name: 'Delete “Untitled workflow 2”?' });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(workflowLink(page, 'Untitled workflow 2')).toHaveCount(0);
  await expect(workflowRows(page)).toHaveCount(1);

  // Deleting the last one brings the empty state back; the deletions are stored.
  await page.getByRole('button', { name: 'Delete Untitled workflow' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
});

test('the canvas opens from the list and leads back to it', async ({ page, app }) => {
  await openApp(page, app);
  await createWorkflow(page, 'Untitled workflow');
  await renameWorkflow(page, 'Untitled workflow', 'Sync sheet rows');

  await workflowLink(page, 'Sync sheet rows').click();
  await expectCanvas(page, 'Sync sheet rows');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }),
  ).toHaveAttribute('aria-current', 'page');

  // The canvas survives a reload: its address names the workflow.
  await page.reload();
  await expectCanvas(page, 'Sync sheet rows');

  await page.getByRole('link', { name: 'Back to workflows' }).click();
  await expect(page).toHaveURL(`${app.origin}/#/`);
  await expect(workflowLink(page, 'Sync sheet rows')).toBeVisible();
});

test('a canvas address that names no workflow says so', async ({ page, app }) => {
  await openApp(page, app);
  await page.goto(`${app.origin}/#/workflows/00000000-0000-4000-8000-000000000000`);
  await expect(page.getByRole('heading', { name: 'This workflow does not exist' })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Back to workflows' }).first().click();
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
});

test('workflows survive a restart of the server', async ({ page, app }) => {
  await openApp(page, app);
  await createWorkflow(page, 'Untitled workflow');
  await renameWorkflow(page, 'Untitled workflow', 'Survives restarts');
  await createWorkflow(page, 'Untitled workflow');

  await app.restart();
  // A restarted server has a new token: the open tab's session is gone, and it says what to do.
  // (Loads the tab started just before the restart may report their own failure as well.)
  await page.keyboard.press('n');
  const message = messages(page).filter({ hasText: 'Could not create a workflow' });
  await expect(message).toContainText('Open the address Switchyard printed, with its token.');
  await message.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(message).toHaveCount(0);

  await openApp(page, app);
  await expect(workflowLink(page, 'Survives restarts')).toBeVisible();
  await expect(workflowLink(page, 'Untitled workflow')).toBeVisible();
  await expect(workflowRows(page)).toHaveCount(2);
});
