import type { Locator, Page } from '@playwright/test';
import { expect, type ServedApp } from './serve-fixture';

/** Opens the printed address (token included) and waits for the workflow list to settle. */
export async function openApp(page: Page, app: ServedApp): Promise<void> {
  await page.goto(app.url);
  // The token is exchanged for a session cookie and leaves the address bar.
  await expect(page).toHaveURL(`${app.origin}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading workflows' })).toHaveCount(0);
}

export const workflowList = (page: Page): Locator => page.getByRole('list', { name: 'Workflows' });

export const workflowRows = (page: Page): Locator => workflowList(page).getByTestId('workflow-row');

export const workflowLink = (page: Page, name: string): Locator =>
  workflowList(page).getByRole('link', { name, exact: true });

/** The canvas of the workflow named `name` is open. */
export async function expectCanvas(page: Page, name: string): Promise<void> {
  await expect(page).toHaveURL(/#\/workflows\/[\w-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText('Add a trigger to start')).toBeVisible();
}

/** Creates a workflow with the "New workflow" button, which opens its canvas, and goes back. */
export async function createWorkflow(page: Page, expectedName: string): Promise<void> {
  await page.getByRole('button', { name: 'New workflow' }).click();
  await expectCanvas(page, expectedName);
  await page.getByRole('link', { name: 'Back to workflows' }).click();
  await expect(workflowLink(page, expectedName)).toBeVisible();
}

export async function renameWorkflow(page: Page, from: string, to: string): Promise<void> {
  await page.getByRole('button', { name: `Rename ${from}` }).click();
  const input = page.getByRole('textbox', { name: 'Workflow name' });
  await expect(input).toBeFocused();
  await input.fill(to);
  await input.press('Enter');
  await expect(input).toHaveCount(0);
  await expect(workflowLink(page, to)).toBeVisible();
}

export async function gotoSettings(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'System' })).toBeVisible();
}

export async function gotoConnections(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Connections' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
}

/** The Connections page's catalogue of services to connect. */
export const catalogue = (page: Page): Locator =>
  page.getByRole('region', { name: 'Browse services' });

/** Shows one category of the catalogue (e.g. 'Cloud') and answers its list of services. */
export async function openCatalogueCategory(page: Page, category: string): Promise<Locator> {
  const button = catalogue(page)
    .getByRole('group', { name: 'Categories' })
    .getByRole('button', { name: new RegExp(`^${category}`) });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  return catalogue(page).getByRole('list', { name: `${category} services` });
}

/**
 * Picks a theme on the Settings page. It applies at once and is saved in the background, with
 * nothing on screen to wait for: this waits for the engine's answer instead.
 */
export async function chooseTheme(page: Page, theme: 'System' | 'Light' | 'Dark'): Promise<void> {
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/call/settings:set'));
  await page.getByRole('radio', { name: theme }).check();
  const response = await saved;
  expect(response.status()).toBe(200);
  await response.finished();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
}

/** The engine's messages: none means nothing went wrong behind the user's back. */
export const messages = (page: Page): Locator =>
  page.getByRole('region', { name: 'Messages' }).getByRole('alert');

/** The canvas's palette of steps, and the inspector of the selected node. */
export const palette = (page: Page): Locator => page.getByRole('complementary', { name: 'Steps' });
export const inspector = (page: Page): Locator =>
  page.getByRole('complementary', { name: /^Inspector/ });

/** Appends a webhook trigger that anyone with its URL may call (no verification). */
export async function addOpenWebhookTrigger(page: Page): Promise<void> {
  await palette(page).getByRole('button', { name: 'Add Webhook · When a webhook arrives' }).click();
  await inspector(page)
    .getByRole('combobox', { name: 'Verification' })
    .selectOption({ label: 'None (anyone with the URL)' });
}

/** Appends a Mapping step and maps one field (a new mapping starts with one empty field). */
export async function addMapping(page: Page, target: string, source: string): Promise<void> {
  await palette(page).getByRole('button', { name: 'Add Mapping' }).click();
  await inspector(page).getByRole('button', { name: 'Open mapping editor' }).click();
  const editor = page.getByRole('dialog', { name: /^Map fields/ });
  await editor.getByRole('textbox', { name: 'Target of field 1' }).fill(target);
  await editor
    .getByPlaceholder('Drop data here, or type {{trigger.field}} or a fixed value')
    .first()
    .fill(source);
  await editor.getByRole('button', { name: 'Done' }).click();
}
