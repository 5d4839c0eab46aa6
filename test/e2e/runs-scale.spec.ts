import { callApi } from '../support/http-api';
import { crmDefinition } from '../support/failing-workflow';
import { seedRuns } from '../support/seed-runs';
import { expect, test } from './serve-fixture';
import { messages, openApp } from './ui';

test('the list stays responsive with 100,000 runs, loading pages as it scrolls', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  const { id } = await callApi(app, 'workflows:save', {
    name: 'Big sheet sync',
    description: '',
    definition: crmDefinition({ failWith: null }),
  });
  seedRuns(app.dataDir, { workflowId: id, count: 100_000, failEvery: 10 });
  await app.restart();

  await openApp(page, app);
  const started = Date.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  const rows = page.getByRole('listbox', { name: 'Runs' }).getByRole('option');
  await expect(rows.first()).toBeVisible();
  expect(Date.now() - started).toBeLessThan(3000);
  await expect(page.getByText('100,000 runs recorded.', { exact: false })).toBeVisible();
  await expect(rows.nth(1)).toContainText('Row 99998: person99998@example.com');

  // Only what is on screen is in the page, however far the list goes.
  const list = page.getByRole('listbox', { name: 'Runs' });
  await list.hover();
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 1500);
  await expect(page.getByText(/ of 100,000 loaded/)).toBeVisible();
  expect(await rows.count()).toBeLessThan(80);
  const loaded = Number(
    ((await page.getByText(/ of 100,000 loaded/).textContent()) ?? '')
      .split(' ')[0]!
      .replace(/,/g, ''),
  );
  expect(loaded).toBeGreaterThan(250);
  expect(loaded).toBeLessThan(5000);

  // A search goes to the engine, not through what is loaded.
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search runs' }).fill('person4242@');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Row 4242');
  await expect(messages(page)).toHaveCount(0);
});
