import type { Page } from '@playwright/test';
import { CONNECTOR_ERROR_SENTENCES } from '../../shared/connectors/errors';
import { callApi, waitFor } from '../support/http-api';
import { createCrmWorkflow, fixCrmWorkflow, runAndSettle } from '../support/failing-workflow';
import { expect, test } from './serve-fixture';
import { messages, openApp } from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

const gotoRuns = async (page: Page) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
};
const runRows = (page: Page) => page.getByRole('listbox', { name: 'Runs' }).getByRole('option');

test('an empty installation teaches what to do first', async ({ page, app }) => {
  await openApp(page, app);
  await gotoRuns(page);
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Create a workflow' })).toBeVisible();

  await callApi(app, 'workflows:save', { name: 'Idle', description: '' });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No runs yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open your workflows' })).toBeVisible();
});

test('the run detail shows the failing step’s error, and a replay after the fix succeeds', async ({
  page,
  app,
}) => {
  const id = await createCrmWorkflow(app, { name: 'Leads to CRM' });
  await runAndSettle(app, id, 1);
  await openApp(page, app);
  await gotoRuns(page);
  await expect(runRows(page)).toHaveCount(1);
  await expect(runRows(page).first()).toContainText('Failed');
  await expect(runRows(page).first()).toContainText('Leads to CRM');
  await runRows(page).first().click();

  await expect(page.getByRole('heading', { level: 1, name: /^Run #\d+$/ })).toBeVisible();
  const callout = page.getByRole('region', { name: 'What went wrong' });
  await expect(callout).toContainText(
    'Failed at “Add to CRM”: Debug step failed on purpose with invalid_input.',
  );
  await expect(callout).toContainText(CONNECTOR_ERROR_SENTENCES.invalid_input);
  await expect(callout.getByRole('link', { name: 'Open workflow' })).toHaveAttribute(
    'href',
    `#/workflows/${id}`,
  );
  const step = page.getByTestId('run-step').filter({ hasText: 'Add to CRM' });
  await expect(step).toContainText('Failed');
  await expect(step.getByRole('note', { name: 'Error of Add to CRM' })).toContainText(
    'invalid_input Debug step failed on purpose with invalid_input.',
  );
  await expect(page.getByRole('group', { name: 'Trigger data' })).toContainText('Ada Lovelace');
  await expect(page.getByText('Idempotency key')).toBeVisible();
  const failedUrl = page.url();

  await fixCrmWorkflow(app, id);
  await page.getByRole('button', { name: 'Replay from failed step' }).first().click();
  await expect(page).not.toHaveURL(failedUrl);
  await expect(page.getByText(/^Replay of$/)).toBeVisible();
  // The background worker runs the replay; the page follows the engine's events.
  await expect(page.getByRole('main').getByText('Succeeded').first()).toBeVisible({
    timeout: 10_000,
  });
  await expect(page.getByRole('region', { name: 'What went wrong' })).toHaveCount(0);
  await expect(page.getByTestId('run-step').filter({ hasText: 'Add to CRM' })).toContainText(
    'Succeeded',
  );
  await page.getByText('Input and output').click();
  await expect(
    page
      .getByTestId('run-step')
      .filter({ hasText: 'Add to CRM' })
      .getByRole('group', { name: 'Output of Add to CRM' }),
  ).toContainText('ada@example.com');

  // Back in the list both runs are there, the replay on top, without a reload.
  await page.getByRole('link', { name: 'All runs' }).click();
  await expect(runRows(page)).toHaveCount(2);
  await expect(runRows(page).first()).toContainText('Succeeded');
  await expect(runRows(page).first()).toContainText('replay of #');
});

test('bulk replay of 50 failed runs says how many and replays them all', async ({ page, app }) => {
  const id = await createCrmWorkflow(app, { name: 'Invoices' });
  await runAndSettle(app, id, 50);
  expect((await callApi(app, 'runs:count', { states: ['failed'] })).count).toBe(50);
  await fixCrmWorkflow(app, id);

  await openApp(page, app);
  await gotoRuns(page);
  await page.getByRole('combobox', { name: 'State' }).selectOption({ label: 'Failed' });
  await expect(page.getByText('50 runs match the filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Replay filtered…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replay 50 runs?' });
  await expect(dialog).toContainText('Each of the 50 runs matching the current filters');
  await dialog.getByRole('button', { name: 'Replay 50 runs' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Replayed 50 runs.' })).toBeVisible();

  await waitFor(
    async () => (await callApi(app, 'runs:count', { states: ['succeeded'] })).count === 50,
    '50 replays to succeed',
    20_000,
  );
  await page.getByRole('combobox', { name: 'State' }).selectOption({ label: 'Succeeded' });
  await expect(page.getByText('50 runs match the filters.')).toBeVisible();
  await expect(runRows(page).first()).toContainText('replay of #');
});

test('filters and search narrow the list, and the keyboard drives it', async ({ page, app }) => {
  const failing = await createCrmWorkflow(app, { name: 'Failing sync' });
  const working = await createCrmWorkflow(app, { name: 'Working sync', failWith: null });
  await runAndSettle(app, failing, 2, [
    { email: 'grace@example.com', name: 'Grace Hopper' },
    { email: 'alan@example.com', name: 'Alan Turing' },
  ]);
  await runAndSettle(app, working, 3, [
    { email: 'grace@example.com', name: 'Grace Hopper' },
    { email: 'edsger@example.com', name: 'Edsger Dijkstra' },
    { email: 'barbara@example.com', name: 'Barbara Liskov' },
  ]);

  await openApp(page, app);
  await gotoRuns(page);
  await expect(runRows(page)).toHaveCount(5);
  await expect(page.getByText('5 runs recorded.', { exact: false })).toBeVisible();

  // "/" focuses the search; it searches the trigger data.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search runs' });
  await expect(search).toBeFocused();
  await search.fill('grace');
  await expect(runRows(page)).toHaveCount(2);
  await expect(page.getByText('2 runs match the filters.', { exact: false })).toBeVisible();

  await page.getByRole('combobox', { name: 'State' }).selectOption({ label: 'Failed' });
  await expect(runRows(page)).toHaveCount(1);
  await expect(runRows(page).first()).toContainText('Failing sync');

  await search.fill('');
  await expect(runRows(page)).toHaveCount(2);
  await page.getByRole('combobox', { name: 'State' }).selectOption({ label: 'All states' });
  await page.getByRole('combobox', { name: 'Workflow' }).selectOption({ label: 'Working sync' });
  await expect(runRows(page)).toHaveCount(3);
  await expect(runRows(page).filter({ hasText: 'Failing sync' })).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Time range' }).selectOption({ label: 'Last hour' });
  await expect(runRows(page)).toHaveCount(3);
  await search.fill('nobody-has-this');
  await expect(page.getByRole('heading', { name: 'No runs match these filters' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(runRows(page)).toHaveCount(5);
  await expect(search).toHaveValue('');

  // Arrow keys move through the list, Enter opens the chosen run.
  await search.focus();
  await page.keyboard.press('ArrowDown');
  const list = page.getByRole('listbox', { name: 'Runs' });
  await expect(list).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const chosen = runRows(page).nth(2);
  await expect(chosen).toHaveAttribute('aria-selected', 'true');
  const runId = ((await chosen.getAttribute('id')) ?? '').replace('run-', '');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Run #${runId}` })).toBeVisible();
});

test('export writes the filtered runs as CSV and JSON', async ({ page, app }) => {
  const id = await createCrmWorkflow(app, { name: 'Export me' });
  await runAndSettle(app, id, 3, [{ email: 'a,b@example.com', name: 'Quote "Q"' }]);
  await openApp(page, app);
  await gotoRuns(page);
  await expect(runRows(page)).toHaveCount(3);

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^switchyard-runs-.*\.csv$/);
  const text = await (await csv.createReadStream()).toArray();
  const lines = Buffer.concat(text).toString('utf8').trim().split('\r\n');
  expect(lines).toHaveLength(4);
  expect(lines[1]).toContain(',failed,');

  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const json = await jsonDownload;
  const parsed = JSON.parse(
    Buffer.concat(await (await json.createReadStream()).toArray()).toString('utf8'),
  ) as { id: number; workflowName: string }[];
  expect(parsed).toHaveLength(3);
  expect(parsed[0]!.workflowName).toBe('Export me');
});
