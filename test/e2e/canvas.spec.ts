import type { Locator, Page } from '@playwright/test';
import { expect, test } from './serve-fixture';
import { expectCanvas, messages, openApp } from './ui';

test.use({ viewport: { width: 1440, height: 900 } });

test.afterEach(async ({ page }) => {
  await expect(messages(page)).toHaveCount(0);
});

const canvasOf = (page: Page) => page.getByRole('region', { name: 'Workflow canvas' });
const palette = (page: Page) => page.getByRole('complementary', { name: 'Steps' });
const node = (page: Page, name: string) => canvasOf(page).getByRole('group', { name });
const edge = (page: Page, from: string, to: string) =>
  canvasOf(page).getByLabel(`Edge from ${from} to ${to}`, { exact: true });
const allEdges = (page: Page) => canvasOf(page).locator('[aria-roledescription="edge"]');

/** Drags a palette entry onto the canvas, its card centred at (x, y) of the canvas. */
async function dropOnCanvas(page: Page, entry: string, x: number, y: number) {
  await palette(page)
    .getByRole('button', { name: entry, exact: true })
    .dragTo(canvasOf(page), { targetPosition: { x, y } });
}

/** Draws a connection by dragging from one handle to another with the mouse. */
async function connect(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function newWorkflow(page: Page, app: Parameters<typeof openApp>[1]) {
  await openApp(page, app);
  await page.getByRole('button', { name: 'New workflow' }).click();
  await expectCanvas(page, 'Untitled workflow');
}

test('a workflow drawn from the palette is saved and comes back as it was', async ({
  page,
  app,
}) => {
  await newWorkflow(page, app);

  await dropOnCanvas(page, 'Add Manual · Run manually', 170, 260);
  await expect(node(page, 'Run manually, trigger')).toBeVisible();
  await expect(page.getByText('Add a trigger to start')).toHaveCount(0);
  await dropOnCanvas(page, 'Add Debug · Record data', 470, 260);
  await dropOnCanvas(page, 'Add Debug · Record data', 770, 260);
  await expect(node(page, 'Record data, action_1')).toBeVisible();
  await expect(node(page, 'Record data, action_2')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();

  await connect(
    page,
    page.getByLabel('Output of the trigger'),
    page.getByLabel('Input of action_1'),
  );
  await expect(edge(page, 'trigger', 'action_1')).toHaveCount(1);
  await connect(page, page.getByLabel('Output of action_1'), page.getByLabel('Input of action_2'));
  await expect(edge(page, 'action_1', 'action_2')).toHaveCount(1);
  await expect(allEdges(page)).toHaveCount(2);

  // Undo takes the last connection away, redo brings it back.
  await page.keyboard.press('Control+z');
  await expect(edge(page, 'action_1', 'action_2')).toHaveCount(0);
  await expect(allEdges(page)).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(edge(page, 'action_1', 'action_2')).toHaveCount(1);
  // The toolbar buttons do the same.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(allEdges(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(allEdges(page)).toHaveCount(2);

  const positions = await Promise.all(
    ['Run manually, trigger', 'Record data, action_1', 'Record data, action_2'].map(
      async (name) => (await node(page, name).boundingBox())!,
    ),
  );

  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

  await page.reload();
  await expect(node(page, 'Run manually, trigger')).toBeVisible();
  await expect(node(page, 'Record data, action_1')).toBeVisible();
  await expect(node(page, 'Record data, action_2')).toBeVisible();
  await expect(canvasOf(page).getByRole('group', { name: /, (trigger|action_\d)$/ })).toHaveCount(
    3,
  );
  await expect(edge(page, 'trigger', 'action_1')).toHaveCount(1);
  await expect(edge(page, 'action_1', 'action_2')).toHaveCount(1);
  await expect(allEdges(page)).toHaveCount(2);
  // Laid out as drawn: same order, same row, same spacing.
  const after = await Promise.all(
    ['Run manually, trigger', 'Record data, action_1', 'Record data, action_2'].map(
      async (name) => (await node(page, name).boundingBox())!,
    ),
  );
  const gaps = (boxes: typeof after) => [boxes[1]!.x - boxes[0]!.x, boxes[2]!.x - boxes[1]!.x];
  const rows = (boxes: typeof after) => boxes.map((b) => Math.round(b.y - boxes[0]!.y));
  expect(rows(after)).toEqual(rows(positions));
  const [g1, g2] = gaps(after);
  const [p1, p2] = gaps(positions);
  expect(g1! / g2!).toBeCloseTo(p1! / p2!, 1);
});

test('the problems list jumps to the node a problem is on', async ({ page, app }) => {
  await newWorkflow(page, app);
  await dropOnCanvas(page, 'Add Manual · Run manually', 170, 260);
  await expect(page.getByRole('button', { name: 'Problems (0)' })).toBeVisible();
  await dropOnCanvas(page, 'Add Delay', 700, 560);
  const delay = node(page, 'Delay, delay_1');
  await expect(delay).toBeVisible();
  await expect(delay).toContainText('1 problem');

  // Move the view so the delay is off screen, with nothing selected.
  await page.keyboard.press('Escape');
  const box = (await canvasOf(page).boundingBox())!;
  await page.mouse.move(box.x + 880, box.y + 720);
  await page.mouse.down();
  await page.mouse.move(box.x + 10, box.y + 10, { steps: 10 });
  await page.mouse.up();
  await expect(delay).not.toBeInViewport();

  await page.getByRole('button', { name: 'Problems (1)' }).click();
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems.getByRole('button')).toHaveCount(1);
  await problems.getByRole('button', { name: /is not connected to the trigger/ }).click();
  await expect(delay).toBeInViewport();
  await expect(delay).toHaveAttribute('data-selected', 'true');
  await expect(page.getByRole('complementary', { name: 'Inspector: Delay' })).toBeVisible();
});

test('steps are added by click, on an edge, by keyboard, and laid out', async ({ page, app }) => {
  await newWorkflow(page, app);
  // Clicking appends after the selected step (the last one added) and connects it.
  await palette(page).getByRole('button', { name: 'Add Manual · Run manually' }).click();
  await palette(page).getByRole('button', { name: 'Add Debug · Record data' }).click();
  await expect(edge(page, 'trigger', 'action_1')).toHaveCount(1);
  await expect(page.getByRole('complementary', { name: /^Inspector/ })).toBeVisible();

  // The palette's search narrows it down.
  await palette(page).getByRole('searchbox', { name: 'Search steps' }).fill('filt');
  await expect(palette(page).getByRole('button')).toHaveCount(1);
  await palette(page).getByRole('searchbox', { name: 'Search steps' }).fill('');

  // "+" on an edge inserts a step there.
  await canvasOf(page)
    .getByRole('button', { name: 'Insert a step between trigger and action_1' })
    .click();
  await page
    .getByRole('dialog', { name: 'Insert a step' })
    .getByRole('button', { name: 'Add Mapping' })
    .click();
  await expect(edge(page, 'trigger', 'mapping_1')).toHaveCount(1);
  await expect(edge(page, 'mapping_1', 'action_1')).toHaveCount(1);
  await expect(edge(page, 'trigger', 'action_1')).toHaveCount(0);

  // Arrow keys walk along the edges; Delete removes the step and joins its neighbours.
  await node(page, 'Run manually, trigger').click();
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'Mapping, mapping_1')).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'Record data, action_1')).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  // Escape closes the inspector; Enter opens it on the selected step.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: /^Inspector/ })).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Inspector: Mapping' })).toBeVisible();
  await node(page, 'Mapping, mapping_1').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'Mapping, mapping_1')).toHaveCount(0);
  await expect(edge(page, 'trigger', 'action_1')).toHaveCount(1);

  // A dragged step moves; one undo puts it back; tidy up lays the steps out in a row.
  const rowOffset = async () =>
    (await node(page, 'Record data, action_1').boundingBox())!.y -
    (await node(page, 'Run manually, trigger').boundingBox())!.y;
  const action = (await node(page, 'Record data, action_1').boundingBox())!;
  await page.mouse.move(action.x + 60, action.y + 30);
  await page.mouse.down();
  await page.mouse.move(action.x + 80, action.y + 100, { steps: 5 });
  await page.mouse.move(action.x + 100, action.y + 180, { steps: 5 });
  await page.mouse.up();
  await expect.poll(rowOffset).toBeGreaterThan(100);
  await page.keyboard.press('Control+z');
  await expect.poll(rowOffset).toBeCloseTo(0, 0);
  await page.keyboard.press('Control+y');
  await expect.poll(rowOffset).toBeGreaterThan(100);
  await page.getByRole('button', { name: 'Tidy up layout' }).click();
  await expect.poll(rowOffset).toBeCloseTo(0, 0);
});

test('leaving with unsaved changes asks first', async ({ page, app }) => {
  await newWorkflow(page, app);
  await palette(page).getByRole('button', { name: 'Add Manual · Run manually' }).click();
  await page.getByRole('link', { name: 'Back to workflows' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(node(page, 'Run manually, trigger')).toBeVisible();

  // The browser's Back button asks too.
  await page.goBack();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page).toHaveURL(/#\/workflows\/[\w-]+$/);
  await expect(node(page, 'Run manually, trigger')).toBeVisible();

  await page.getByRole('link', { name: 'Back to workflows' }).click();
  await dialog.getByRole('button', { name: 'Save and leave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  await page.getByRole('link', { name: 'Untitled workflow', exact: true }).click();
  await expect(node(page, 'Run manually, trigger')).toBeVisible();
});

test('copy, paste and duplicate; an earlier version can be restored', async ({ page, app }) => {
  await newWorkflow(page, app);
  await palette(page).getByRole('button', { name: 'Add Manual · Run manually' }).click();
  await palette(page).getByRole('button', { name: 'Add Debug · Record data' }).click();
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

  // Copy and paste go through the clipboard as workflow JSON; the copy gets a new id.
  await node(page, 'Record data, action_1').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(node(page, 'Record data, action_2')).toBeVisible();
  await expect(node(page, 'Record data, action_2')).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Control+d');
  await expect(node(page, 'Record data, action_3')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

  await page.getByRole('button', { name: 'Version history' }).click();
  const versions = page.getByRole('list', { name: 'Saved versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(3);
  await versions.getByRole('button', { name: 'Restore version 2' }).click();
  await page
    .getByRole('dialog', { name: 'Restore version 2?' })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(node(page, 'Record data, action_2')).toHaveCount(0);
  await expect(node(page, 'Record data, action_1')).toBeVisible();
  await expect(versions.getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toHaveCount(0);
});

test('enabling saves pending changes first; the switch and badge show the state', async ({
  page,
  app,
}) => {
  await newWorkflow(page, app);
  await palette(page).getByRole('button', { name: 'Add Manual · Run manually' }).click();
  await palette(page).getByRole('button', { name: 'Add Debug · Record data' }).click();
  const enabled = page.getByRole('switch', { name: 'Enabled' });
  await expect(enabled).toHaveAttribute('aria-checked', 'false');
  await enabled.click();
  await expect(enabled).toHaveAttribute('aria-checked', 'true');
  await expect(
    page.locator('header.canvas-header').getByText('Active', { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toHaveCount(0);
  await enabled.click();
  await expect(enabled).toHaveAttribute('aria-checked', 'false');
  await expect(
    page.locator('header.canvas-header').getByText('Disabled', { exact: true }),
  ).toBeVisible();
});
