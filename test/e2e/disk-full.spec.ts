import type { Page } from '@playwright/test';
import { TEST_DB_GROWTH_ENV } from '../../electron/cli/test-disk-limit';
import { callApi } from '../support/http-api';
import { chain, manualTrigger } from '../support/workflows';
import { expect, test, type ServedApp } from './serve-fixture';
import { messages, openApp } from './ui';

// The served engine's database may grow by 150 pages (600 KiB) past what it starts with: past
// that, a write fails with SQLITE_FULL as on a full disk, and deleting data makes room again.
test.use({ serveEnv: { [TEST_DB_GROWTH_ENV]: '150' } });

/** A workflow of about 30 KB, so a few of them fill the room left. */
const bulky = (n: number) => ({
  name: `Bulky ${n}`,
  definition: chain(manualTrigger({ blob: 'x'.repeat(30_000) + String(n) }), []),
});

/** Saves bulky workflows until the disk refuses one; returns the ids of those it took. */
async function fillTheDisk(app: ServedApp): Promise<string[]> {
  const saved: string[] = [];
  for (let n = 0; n < 60; n++) {
    try {
      saved.push((await callApi(app, 'workflows:save', bulky(n))).id);
    } catch (error) {
      expect(String(error)).toMatch(/workflows:save: disk_full: .* was not saved: the disk/);
      return saved;
    }
  }
  throw new Error('the disk never filled');
}

const banner = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'the disk holding your data is full' });

const gotoHealth = async (page: Page) => {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Health' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
};

test('a full disk puts a banner on every screen and on Health, which go once room returns', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await expect(banner(page)).toHaveCount(0);

  const saved = await fillTheDisk(app);
  expect(saved.length).toBeGreaterThan(0);

  // The engine's event reaches the open page: no reload, no action.
  await expect(banner(page)).toBeVisible();
  await expect(banner(page)).toContainText(
    `Switchyard can’t save — the disk holding your data is full. Free some space on ${app.dataDir}; waiting work will resume by itself. Webhook senders are asked to retry.`,
  );
  await expect(banner(page).getByText(/^Since \d{1,2}:\d{2}.*\(just now\)$/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('disk-full-light.png') });

  // Health says the same, with what was refused; the banner stays on every screen.
  await gotoHealth(page);
  const storage = page.getByRole('region', { name: 'Storage' });
  await expect(storage).toContainText(/Full since \d{1,2}:\d{2}/);
  await expect(storage.getByRole('term')).toHaveText(['Free space', 'Last refused write']);
  await expect(storage.getByRole('definition').last()).toHaveText(
    'The workflows:save request, just now',
  );
  await expect(banner(page)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading health' })).toHaveCount(0);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('disk-full-dark.png') });

  // A page opened while full shows it from the start.
  await page.reload();
  await expect(banner(page)).toBeVisible();

  // Room returns (the operator deletes what filled it): the banner goes by itself.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workflows' })
    .click();
  await expect(banner(page)).toBeVisible();
  for (const id of saved) await callApi(app, 'workflows:delete', { id });
  await expect(banner(page)).toHaveCount(0, { timeout: 15_000 });
  // Saving works again, and Health says so (below the workflows, as nothing needs the operator).
  await callApi(app, 'workflows:save', bulky(100));
  await gotoHealth(page);
  await expect(storage).toContainText(`Saving normally. Data in ${app.dataDir}, `);
  await expect(storage.getByRole('term')).toHaveText(['Last refused write', 'Room came back']);
  await expect(storage.getByRole('definition').last()).toHaveText('just now');
  await expect(messages(page)).toHaveCount(0);
});
