import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { WorkflowDefinitionInput } from '../../shared/workflow/schema';
import { callApi } from '../support/http-api';
import { debugStep, manualTrigger } from '../support/workflows';
import { expect, test } from './serve-fixture';
import { messages, openApp } from './ui';

test.use({ viewport: { width: 1440, height: 900 } });

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

/** Three steps in a row, as wide as the canvas: the last one ends near its right edge. */
const row: WorkflowDefinitionInput = {
  trigger: { ...manualTrigger(), position: { x: 0, y: 0 } },
  steps: [
    { ...debugStep('action_1'), name: 'Middle', position: { x: 320, y: 0 } },
    { ...debugStep('action_2'), name: 'Far right', position: { x: 640, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'action_1' },
    { id: 'e2', source: 'action_1', target: 'action_2' },
  ],
};

interface Transform {
  x: number;
  y: number;
  zoom: number;
}

/** The view's pan and zoom, as React Flow draws them on `.react-flow__viewport`. */
async function transformOf(page: Page): Promise<Transform> {
  const css = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  const match = /translate\((-?[\d.e+-]+)px, ?(-?[\d.e+-]+)px\) scale\(([\d.e+-]+)\)/.exec(css);
  if (!match) throw new Error(`unexpected viewport transform: ${css}`);
  return { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]) };
}

const near = (a: Transform, b: Transform) =>
  Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1 && Math.abs(a.zoom - b.zoom) < 0.001;

/** The transform once two readings in a row agree (the view animates when it moves). */
async function settledTransform(page: Page): Promise<Transform> {
  let previous: Transform | null = null;
  let settled: Transform | null = null;
  await expect
    .poll(async () => {
      const now = await transformOf(page);
      settled = previous && near(previous, now) ? now : null;
      previous = now;
      return settled !== null;
    })
    .toBe(true);
  return settled!;
}

/** Waits for the view to come to rest exactly at `expected`. */
async function expectViewAt(page: Page, expected: Transform) {
  await expect
    .poll(async () => {
      const now = await transformOf(page);
      return near(now, expected) ? 'at it' : JSON.stringify(now);
    })
    .toBe('at it');
}

test('closing the inspector gives back the view it moved, unless the user moved it', async ({
  page,
  app,
}) => {
  const saved = await callApi(app, 'workflows:save', { name: 'Row', definition: row });
  await openApp(page, app);
  await page.goto(`${app.origin}/#/workflows/${saved.id}`);
  const canvas = page.getByRole('region', { name: 'Workflow canvas' });
  const farRight = canvas.getByRole('group', { name: /^Far right/ });
  const trigger = canvas.getByRole('group', { name: /trigger$/ });
  const inspector = page.getByRole('complementary', { name: /^Inspector/ });
  await expect(farRight).toBeInViewport();
  const home = await settledTransform(page);

  /** Opens the inspector on the far-right step: the view pans so it is beside the panel. */
  const openFarRight = async () => {
    await farRight.click();
    await expect(inspector).toBeVisible();
    const revealed = await settledTransform(page);
    expect(near(revealed, home), 'the inspector covered the step, so the view moved').toBe(false);
    const panel = (await inspector.boundingBox())!;
    const card = (await farRight.boundingBox())!;
    expect(card.x + card.width).toBeLessThanOrEqual(panel.x);
    return revealed;
  };

  // The close button.
  await openFarRight();
  await page.getByRole('button', { name: 'Close inspector' }).click();
  await expect(inspector).toHaveCount(0);
  await expectViewAt(page, home);
  await expect(trigger).toBeInViewport();

  // Escape.
  await openFarRight();
  await page.keyboard.press('Escape');
  await expect(inspector).toHaveCount(0);
  await expectViewAt(page, home);

  // The user pans while the inspector is open: closing it leaves their view alone.
  const revealed = await openFarRight();
  const pane = (await canvas.locator('.react-flow__pane').boundingBox())!;
  // Below the row of steps, between the zoom controls and the minimap.
  const from = { x: pane.x + pane.width / 2, y: pane.y + pane.height * 0.8 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 90, from.y - 40, { steps: 6 });
  await page.mouse.up();
  const panned = await settledTransform(page);
  expect(near(panned, revealed)).toBe(false);
  await expect(inspector).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(inspector).toHaveCount(0);
  // Longer than the return animation (200 ms), so a return would have shown by now.
  await page.waitForTimeout(1_000);
  expect(await settledTransform(page)).toEqual(panned);
});

/** The largest shipped template: a trigger and four steps in a row, wider than the canvas at 70 %. */
function shippedTemplate(file: string): { name: string; definition: WorkflowDefinitionInput } {
  const t = JSON.parse(readFileSync(`resources/templates/${file}`, 'utf8')) as {
    name: string;
  } & WorkflowDefinitionInput;
  return { name: t.name, definition: { trigger: t.trigger, steps: t.steps, edges: t.edges } };
}

/** Eight steps in a row: too wide to show whole at a zoom one can read. */
const longRow: WorkflowDefinitionInput = {
  trigger: { ...manualTrigger(), position: { x: 0, y: 0 } },
  steps: Array.from({ length: 7 }, (_, i) => ({
    ...debugStep(`action_${i + 1}`),
    name: `Step ${i + 1}`,
    position: { x: (i + 1) * 320, y: 0 },
  })),
  edges: [],
};

test('a shipped template opens whole in a 1440-wide window; a longer flow opens readable at its trigger', async ({
  page,
  app,
}) => {
  const template = shippedTemplate('sheet-row-to-crm-lead.switchyard.json');
  const saved = await callApi(app, 'workflows:save', template);
  await openApp(page, app);
  await page.goto(`${app.origin}/#/workflows/${saved.id}`);
  const canvas = page.getByRole('region', { name: 'Workflow canvas' });
  const cards = canvas.locator('.react-flow__node');
  await expect(cards).toHaveCount(1 + template.definition.steps.length);
  const view = await settledTransform(page);
  expect(view.zoom).toBeGreaterThanOrEqual(0.6);
  const region = (await canvas.boundingBox())!;
  for (const card of await cards.all()) {
    const box = (await card.boundingBox())!;
    const name = await card.getByRole('group').first().getAttribute('aria-label');
    expect(box.x, `${name} starts inside the canvas`).toBeGreaterThanOrEqual(region.x);
    expect(box.x + box.width, `${name} ends inside the canvas`).toBeLessThanOrEqual(
      region.x + region.width,
    );
    expect(box.y).toBeGreaterThanOrEqual(region.y);
    expect(box.y + box.height).toBeLessThanOrEqual(region.y + region.height);
  }
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/screens/canvas-opening-template-1440.png' });

  const long = await callApi(app, 'workflows:save', { name: 'Long row', definition: longRow });
  await page.goto(`${app.origin}/#/workflows/${long.id}`);
  const trigger = canvas.getByRole('group', { name: /trigger$/ });
  await expect(trigger).toBeInViewport();
  expect((await settledTransform(page)).zoom).toBeCloseTo(0.7, 3);
  expect((await trigger.boundingBox())!.x).toBeGreaterThanOrEqual(region.x);
  await expect(canvas.getByRole('group', { name: /^Step 7/ })).not.toBeInViewport();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/screens/canvas-opening-long-1440.png' });
});
