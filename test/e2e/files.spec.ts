import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { callApi } from '../support/http-api';
import { expect, test } from './serve-fixture';
import { chooseTheme, gotoSettings, messages, openApp, workflowLink, workflowRows } from './ui';

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });

const TOKEN = 'e2e-planted-bearer-token-7c1d';

test('a workflow exported, deleted and imported through the wizard comes back as it was, disabled', async ({
  page,
  app,
}) => {
  test.setTimeout(60_000);
  const crm = await callApi(app, 'connections:create', {
    kind: 'http_bearer',
    name: 'CRM token',
    credentials: { token: TOKEN },
  });
  await callApi(app, 'connections:create', {
    kind: 'http_bearer',
    name: 'Other API',
    credentials: { token: 'another-token-1234' },
  });
  const saved = await callApi(app, 'workflows:save', {
    name: 'Lead sync',
    description: 'Sends each lead to the CRM.',
    definition: {
      trigger: {
        id: 'trigger',
        type: 'trigger',
        connector: 'manual',
        operation: 'start',
        position: { x: 0, y: 0 },
        config: { sample: { email: 'ada@example.com' } },
      },
      steps: [
        {
          id: 'create',
          type: 'action',
          connector: 'http',
          operation: 'request',
          connection: crm.connection.id,
          position: { x: 280, y: 0 },
          config: {
            method: 'POST',
            url: 'https://crm.example.com/api/leads',
            bodyType: 'json',
            body: { email: '{{trigger.email}}' },
          },
        },
      ],
      edges: [{ id: 'e1', source: 'trigger', target: 'create' }],
    },
  });
  await callApi(app, 'workflows:enable', { id: saved.id });

  await openApp(page, app);
  await expect(workflowRows(page)).toContainText(['Active']);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Lead sync' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('lead-sync.switchyard.json');
  const path = join(app.dataDir, file.suggestedFilename());
  await file.saveAs(path);
  const exported = readFileSync(path, 'utf8');
  expect(exported).not.toContain(TOKEN);
  expect(exported).not.toContain(crm.connection.id);
  expect(JSON.parse(exported)).toMatchObject({
    connections: { http_bearer: { kind: 'http_bearer' } },
  });

  await page.getByRole('button', { name: 'Delete Lead sync' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(workflowRows(page)).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(path);
  const wizard = page.getByRole('dialog', { name: 'Import “lead-sync.switchyard.json”' });
  await expect(wizard.getByTestId('import-workflow')).toContainText('Lead sync');
  await expect(wizard.getByTestId('import-workflow')).toContainText('2 steps · Manual, HTTP');
  const account = wizard.getByRole('combobox', { name: /http_bearer/ });
  // Two accounts of the kind: the wizard does not guess, the operator chooses.
  await expect(account).toHaveValue('');
  await account.selectOption({ label: 'CRM token' });
  await shot(page, 'import-wizard-light');
  await wizard.getByRole('button', { name: 'Import' }).click();
  await expect(wizard).toHaveCount(0);

  await expect(workflowLink(page, 'Lead sync')).toBeVisible();
  await expect(workflowRows(page)).toContainText(['Disabled']);
  const back = await callApi(app, 'workflows:get', { id: saved.id });
  expect(back.state).toBe('disabled');
  expect(back.definition).toEqual(saved.definition);
  const again = await callApi(app, 'files:export', { ids: [saved.id] });
  expect(again.files[0]!.text).toBe(exported);
});

test('a template opens in the same wizard; a file dropped on the window does too', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await gotoSettings(page);
  await chooseTheme(page, 'Dark');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workflows' })
    .click();

  await page.getByRole('button', { name: 'Templates' }).click();
  const gallery = page.getByRole('dialog', { name: 'Start from a template' });
  await expect(gallery.getByRole('listitem')).toHaveCount(6);
  await shot(page, 'templates-dark');
  await gallery.getByRole('button', { name: /New sheet row → send a welcome e-mail/ }).click();
  const wizard = page.getByRole('dialog', { name: 'Create from a template' });
  await expect(wizard.getByTestId('import-workflow')).toContainText(
    'Google Sheets & Calendar, E-mail',
  );
  await expect(wizard.getByText('No E-mail (SMTP) here yet.')).toBeVisible();
  await shot(page, 'import-wizard-dark');
  await wizard.getByRole('button', { name: 'Create' }).click();
  await expect(workflowLink(page, 'New sheet row → send a welcome e-mail')).toBeVisible();
  await expect(workflowRows(page)).toContainText(['Disabled']);

  // The same file dropped anywhere on the window: already here, so a choice is asked for.
  const text = (await callApi(app, 'files:export', { ids: 'all' })).files[0]!.text;
  const dataTransfer = await page.evaluateHandle((content) => {
    // Browser globals, typed here because the node typecheck has no DOM lib.
    const browser = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, options: { type: string }) => unknown;
    };
    const transfer = new browser.DataTransfer();
    transfer.items.add(
      new browser.File([content], 'welcome.switchyard.json', { type: 'application/json' }),
    );
    return transfer;
  }, text);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  const dropped = page.getByRole('dialog', { name: 'Import “welcome.switchyard.json”' });
  await expect(dropped.getByText('A workflow with this id is already here')).toBeVisible();
  await expect(dropped.getByRole('button', { name: 'Import' })).toBeDisabled();
  await dropped.getByRole('radio', { name: 'Skip this one' }).check();
  await expect(dropped.getByRole('button', { name: 'Import' })).toBeEnabled();
  await dropped.getByRole('button', { name: 'Cancel' }).click();
  await expect(workflowRows(page)).toHaveCount(1);
});

test('a selection of workflows is exported as one file holding them', async ({ page, app }) => {
  for (const name of ['Alpha', 'Beta', 'Gamma']) {
    await callApi(app, 'workflows:save', {
      name,
      definition: {
        trigger: {
          id: 'trigger',
          type: 'trigger',
          connector: 'manual',
          operation: 'start',
          position: { x: 0, y: 0 },
          config: {},
        },
        steps: [],
        edges: [],
      },
    });
  }
  await openApp(page, app);
  await page.getByRole('checkbox', { name: 'Select Alpha' }).check();
  await page.getByRole('checkbox', { name: 'Select Gamma' }).check();
  await shot(page, 'workflows-selected-light');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export selected (2)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('workflows.switchyard.json');
  const path = join(app.dataDir, file.suggestedFilename());
  await file.saveAs(path);
  const bundle = JSON.parse(readFileSync(path, 'utf8')) as { workflows: { name: string }[] };
  expect(bundle.workflows.map((w) => w.name).sort()).toEqual(['Alpha', 'Gamma']);
});
