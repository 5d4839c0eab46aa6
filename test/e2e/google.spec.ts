import type { Page } from '@playwright/test';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google/server';
import { expect, test } from './serve-fixture';
import { addMapping, gotoConnections, inspector, messages, openApp, palette } from './ui';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });

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
async function signInWithGoogle(page: Page, screenshots = true) {
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
  if (screenshots) {
    await shot(page, 'google-connect-form-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'google-connect-form-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  }

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

test('signs in with Google through the browser and tests the account', async ({ page, app }) => {
  await openApp(page, app);
  await signInWithGoogle(page);
  const row = page
    .getByRole('list', { name: 'Connections' })
    .getByRole('listitem', { name: 'Ada’s Google' });
  await expect(row).toContainText('ada@example.com');
  await expect(page.getByText('Connected “Ada’s Google” as ada@example.com.')).toBeVisible();
  await row.getByRole('button', { name: 'Test now' }).click();
  await expect(row.getByText('Connected', { exact: true })).toBeVisible();
  await expect(row.getByRole('status')).toContainText('Signed in as ada@example.com');
  await page.mouse.move(0, 0);
  await shot(page, 'google-connected-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'google-connected-dark');
});

test('builds “new row → map → append to another sheet + calendar event” with the pickers and test-runs it', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000); // signs in, builds a workflow by hand, runs it
  emu.control.createSpreadsheet({
    title: 'Inbound leads',
    sheets: [
      {
        title: 'Leads',
        rows: [
          ['email', 'name', 'call_at', 'call_end'],
          ['grace@example.com', 'Grace', '2026-03-03T10:00:00Z', '2026-03-03T10:30:00Z'],
        ],
      },
    ],
  });
  const crm = emu.control.createSpreadsheet({
    title: 'CRM',
    sheets: [{ title: 'Contacts', rows: [['email', 'full name']] }],
  });
  await page.setViewportSize({ width: 1600, height: 900 });
  await openApp(page, app);
  await signInWithGoogle(page, false);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workflows' })
    .click();
  await page.getByRole('button', { name: 'New workflow' }).click();

  // Trigger: the pickers list the account's spreadsheets, their tabs and columns.
  await palette(page)
    .getByRole('button', { name: 'Add Google Sheets & Calendar · New row in a sheet' })
    .click();
  const setup = inspector(page);
  await setup.getByRole('combobox', { name: 'Account' }).selectOption({ index: 1 });
  await setup
    .getByRole('combobox', { name: 'Spreadsheet' })
    .selectOption({ label: 'Inbound leads' });
  await setup.getByRole('combobox', { name: 'Tab' }).selectOption({ label: 'Leads' });
  await setup.getByRole('combobox', { name: 'Key column' }).selectOption('email');

  await addMapping(page, 'email', '{{trigger.email}}');

  await palette(page)
    .getByRole('button', { name: 'Add Google Sheets & Calendar · Append row(s)' })
    .click();
  await expect(setup).toHaveAccessibleName(/Append row/);
  await setup.getByRole('combobox', { name: 'Account' }).selectOption({ index: 1 });
  await setup.getByRole('combobox', { name: 'Spreadsheet' }).selectOption({ label: 'CRM' });
  await setup.getByRole('combobox', { name: 'Tab' }).selectOption({ label: 'Contacts' });
  await setup
    .getByRole('textbox', { name: 'Row values' })
    .fill('{"email": "{{mapping_1.email}}", "full name": "{{trigger.name}}"}');

  await palette(page)
    .getByRole('button', { name: 'Add Google Sheets & Calendar · Create calendar event' })
    .click();
  await expect(setup).toHaveAccessibleName(/Create calendar event/);
  await setup.getByRole('combobox', { name: 'Account' }).selectOption({ index: 1 });
  await setup
    .getByRole('combobox', { name: 'Calendar' })
    .selectOption({ label: 'ada@example.com (primary)' });
  await setup.getByRole('textbox', { name: 'Title' }).fill('Intro call with {{trigger.name}}');
  await setup.getByRole('textbox', { name: 'Starts' }).fill('{{trigger.call_at}}');
  await setup.getByRole('textbox', { name: 'Ends' }).fill('{{trigger.call_end}}');
  await page.mouse.move(0, 0);
  await shot(page, 'google-workflow-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'google-workflow-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // A live test run (not a dry run) uses the sheet's last row as the trigger item.
  await page.getByRole('button', { name: 'Test options' }).click();
  await page.getByRole('dialog', { name: 'Test options' }).getByLabel('Dry run').uncheck();
  await page.getByRole('button', { name: 'Test options' }).click();
  await page.getByRole('button', { name: /^Test workflow/ }).click();
  await expect(page.getByText(/^Test run succeeded/)).toBeVisible({ timeout: 20_000 });
  expect(emu.control.truth(crm.spreadsheetId, 'Contacts').map((r) => r.values)).toEqual([
    ['email', 'full name'],
    ['grace@example.com', 'Grace'],
  ]);
  const events = [...emu.state.calendars.get('ada@example.com')!.events.values()];
  expect(events.map((e) => e.event.summary)).toEqual(['Intro call with Grace']);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  const rows = page.getByRole('listbox', { name: 'Runs' }).getByRole('option');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Succeeded');
  await rows.first().click();
  const steps = page.getByRole('list', { name: 'Steps' });
  await expect(steps).toContainText('sheets_append_rows');
  await expect(steps).toContainText('calendar_create_event');
  await page.mouse.move(0, 0);
  await shot(page, 'google-run');
});
