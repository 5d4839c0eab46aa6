import type { Locator, Page } from '@playwright/test';
import type { WorkflowDefinitionInput } from '../../shared/workflow/schema';
import { callApi } from '../support/http-api';
import { expect, test } from './serve-fixture';
import { chooseTheme, gotoSettings, openApp } from './ui';

/** Screenshots of the builder for a person to look at (test-results/screens/). */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });

const at = (x: number, y: number) => ({ x, y });

/** Waits until an element stops moving (the view animates when it brings a node into sight). */
async function whenStill(locator: Locator) {
  let previous: { x: number; y: number } | null = null;
  await expect
    .poll(async () => {
      const box = await locator.boundingBox();
      const still = !!box && !!previous && box.x === previous.x && box.y === previous.y;
      previous = box;
      return still;
    })
    .toBe(true);
}

/** A small lead-routing workflow: trigger, mapping, branch, two actions and a delay. */
const leadRouting: WorkflowDefinitionInput = {
  trigger: {
    id: 'trigger',
    type: 'trigger',
    connector: 'manual',
    operation: 'start',
    connection: null,
    config: {},
    position: at(0, 120),
  },
  steps: [
    {
      id: 'mapping_1',
      type: 'mapping',
      name: 'Clean up the lead',
      position: at(352, 120),
      mapping: {
        fields: [
          { target: 'email', source: { kind: 'path', path: 'trigger.email' }, transforms: [] },
          { target: 'name', source: { kind: 'path', path: 'trigger.name' }, transforms: [] },
        ],
      },
    },
    {
      id: 'branch_1',
      type: 'branch',
      name: 'Company address?',
      position: at(704, 120),
      condition: {
        combinator: 'all',
        rules: [{ left: 'mapping_1.email', operator: 'ends_with', right: '@example.com' }],
      },
    },
    {
      id: 'action_1',
      type: 'action',
      name: 'Send to CRM',
      connector: 'debug',
      operation: 'record',
      connection: null,
      config: { record: '{{mapping_1}}' },
      position: at(1056, 40),
    },
    {
      id: 'delay_1',
      type: 'delay',
      position: at(1056, 220),
      delay: { seconds: 3600 },
    },
    {
      id: 'action_2',
      type: 'action',
      connector: 'debug',
      operation: 'record',
      connection: null,
      config: {},
      position: at(1408, 220),
    },
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'mapping_1' },
    { id: 'e2', source: 'mapping_1', target: 'branch_1' },
    { id: 'e3', source: 'branch_1', target: 'action_1', sourceHandle: 'true' },
    { id: 'e4', source: 'branch_1', target: 'delay_1', sourceHandle: 'false' },
    { id: 'e5', source: 'delay_1', target: 'action_2' },
  ],
};

test.use({ viewport: { width: 1440, height: 860 } });

for (const theme of ['Light', 'Dark'] as const) {
  test(`canvas screens in the ${theme.toLowerCase()} theme`, async ({ page, app }) => {
    const suffix = theme.toLowerCase();
    const saved = await callApi(app, 'workflows:save', {
      name: 'New leads → CRM',
      description: '',
      definition: leadRouting,
    });
    await openApp(page, app);
    await gotoSettings(page);
    await chooseTheme(page, theme);
    const empty = await callApi(app, 'workflows:save', { name: 'Untitled workflow' });
    await page.goto(`${app.origin}/#/workflows/${empty.id}`);
    await expect(page.getByText('Add a trigger to start')).toBeVisible();
    await shot(page, `canvas-empty-${suffix}`);

    await page.goto(`${app.origin}/#/workflows/${saved.id}`);
    const canvas = page.getByRole('region', { name: 'Workflow canvas' });
    await expect(canvas.getByRole('group', { name: /^Send to CRM/ })).toBeVisible();
    await page.mouse.move(0, 0);
    await shot(page, `canvas-${suffix}`);

    const branch = canvas.getByRole('group', { name: /^Company address\?/ });
    await branch.click();
    await expect(page.getByRole('complementary', { name: /^Inspector/ })).toBeVisible();
    // The canvas narrowed for the inspector and brings the node back into view.
    await expect(branch).toBeInViewport({ ratio: 0.95 });
    await whenStill(branch);
    await shot(page, `canvas-selected-${suffix}`);

    // Closing the inspector gives the view back as it was before it opened.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('complementary', { name: /^Inspector/ })).toHaveCount(0);
    await whenStill(branch);
    await page.mouse.move(0, 0);
    await shot(page, `canvas-closed-${suffix}`);
    await canvas
      .getByRole('button', { name: 'Insert a step between mapping_1 and branch_1' })
      .click();
    await expect(page.getByRole('dialog', { name: 'Insert a step' })).toBeVisible();
    await shot(page, `canvas-insert-${suffix}`);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Test workflow' }).click();
    await expect(page.getByText(/^Test run succeeded/)).toBeVisible();
    await page.mouse.move(0, 0);
    await shot(page, `canvas-tested-${suffix}`);

    // Problems: a trigger still to set up, and a filter connected to nothing.
    await page.getByRole('button', { name: 'Add Schedule · On a schedule' }).click();
    await page
      .getByRole('button', { name: 'Add Filter' })
      .dragTo(canvas, { targetPosition: { x: 300, y: 120 } });
    await page.getByRole('button', { name: /^Problems/ }).click();
    await expect(page.getByRole('dialog', { name: 'Problems' })).toBeVisible();
    await shot(page, `canvas-problems-${suffix}`);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Version history' }).click();
    await expect(page.getByRole('list', { name: 'Saved versions' })).toBeVisible();
    await shot(page, `canvas-history-${suffix}`);
  });
}
