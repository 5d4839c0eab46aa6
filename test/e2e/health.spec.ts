import type { Page } from '@playwright/test';
import { CONNECTOR_ERROR_SENTENCES } from '../../shared/connectors/errors';
import { callApi } from '../support/http-api';
import { createCrmWorkflow, fixCrmWorkflow, runAndSettle } from '../support/failing-workflow';
import { expect, test } from './serve-fixture';
import { gotoSettings, messages, openApp } from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

const gotoHealth = async (page: Page) => {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Health' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
};
const card = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Workflow health' }).getByRole('listitem', { name });

test('with nothing set up, Health says what to create first', async ({ page, app }) => {
  await openApp(page, app);
  await gotoHealth(page);
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
  await callApi(app, 'workflows:save', { name: 'Idle', description: '' });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No runs yet' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No connections yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to Connections' })).toBeVisible();
});

test('a failing workflow shows as failing, with the explanation and the fix', async ({
  page,
  app,
}) => {
  const failing = await createCrmWorkflow(app, { name: 'Leads to CRM' });
  const working = await createCrmWorkflow(app, { name: 'Daily digest', failWith: null });
  await runAndSettle(app, failing, 2);
  await runAndSettle(app, working, 3);

  await openApp(page, app);
  await gotoHealth(page);
  const counts = page.getByRole('definition').locator('xpath=..');
  await expect(counts.filter({ hasText: 'Failing' }).first()).toContainText('1');
  const leads = card(page, 'Leads to CRM');
  await expect(leads).toContainText('Failing');
  await expect(leads).toContainText(
    'Last error at “Add to CRM”, just now: Debug step failed on purpose with invalid_input.',
  );
  await expect(leads).toContainText(CONNECTOR_ERROR_SENTENCES.invalid_input);
  await expect(leads).toContainText(
    'Fix step “Add to CRM”: debug step failed on purpose with invalid_input.',
  );
  await expect(leads.getByRole('link', { name: 'Open workflow' })).toHaveAttribute(
    'href',
    `#/workflows/${failing}`,
  );
  await expect(card(page, 'Daily digest')).toContainText('Active');
  await expect(card(page, 'Daily digest')).toContainText('100%');
  // Failing workflows are listed first.
  await expect(page.getByTestId('workflow-health').first()).toContainText('Leads to CRM');

  // Its failed runs are one click away.
  await leads.getByRole('link', { name: '2 failed runs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'State' })).toHaveValue('failed');
  await expect(page.getByRole('listbox', { name: 'Runs' }).getByRole('option')).toHaveCount(2);

  // Fixed and run again, it is active again.
  await fixCrmWorkflow(app, failing);
  await runAndSettle(app, failing, 1);
  await gotoHealth(page);
  await expect(card(page, 'Leads to CRM')).toContainText('Active');
});

test('a paused workflow offers to enable it again', async ({ page, app }) => {
  const id = await createCrmWorkflow(app, { name: 'Fragile', pauseAfterFailures: 2 });
  await runAndSettle(app, id, 2);
  expect((await callApi(app, 'workflows:get', { id })).state).toBe('paused');

  await openApp(page, app);
  await gotoHealth(page);
  const fragile = card(page, 'Fragile');
  await expect(fragile).toContainText('Paused');
  await expect(fragile).toContainText('Paused after 2 runs in a row failed.');
  await fragile.getByRole('button', { name: 'Enable again' }).click();
  await expect(fragile).not.toContainText('Paused');
  expect((await callApi(app, 'workflows:get', { id })).state).toBe('active');
});

test('the activity log in Settings lists changes in words, by domain', async ({ page, app }) => {
  const id = await createCrmWorkflow(app, { name: 'Leads' });
  await fixCrmWorkflow(app, id);
  await openApp(page, app);
  await gotoSettings(page);
  const activity = page.getByRole('list', { name: 'Activity' });
  await expect(activity.getByTestId('audit-entry').first()).toContainText(
    'Workflow “Leads” saved (version 2): name, definition',
  );
  await expect(activity).toContainText('Workflow “Leads” enabled');
  await expect(activity).toContainText('Workflow “Leads” created');

  await page.getByRole('combobox', { name: 'Show changes to' }).selectOption('settings');
  await expect(page.getByText('Nothing recorded yet.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Show changes to' }).selectOption('workflows');
  await expect(page.getByTestId('audit-entry')).toHaveCount(3);
});
