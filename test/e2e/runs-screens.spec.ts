import type { Page } from '@playwright/test';
import { callApi } from '../support/http-api';
import { createCrmWorkflow, runAndSettle } from '../support/failing-workflow';
import { expect, test } from './serve-fixture';
import { chooseTheme, gotoSettings, openApp } from './ui';

/** Screenshots of Runs, a run's detail and Health in both themes, for a person to look at. */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });

test.use({ viewport: { width: 1280, height: 800 } });

const people = [
  { email: 'grace@example.com', name: 'Grace Hopper' },
  { email: 'alan@example.com', name: 'Alan Turing' },
  { email: 'barbara@example.com', name: 'Barbara Liskov' },
];

for (const theme of ['Light', 'Dark'] as const) {
  test(`runs and health screens in the ${theme.toLowerCase()} theme`, async ({ page, app }) => {
    const suffix = theme.toLowerCase();
    const failing = await createCrmWorkflow(app, { name: 'New sheet rows → CRM contacts' });
    const working = await createCrmWorkflow(app, {
      name: 'Shop webhook → accounting e-mail',
      failWith: null,
    });
    await callApi(app, 'workflows:save', { name: 'Weekly report (draft)', description: '' });
    await runAndSettle(app, working, 9, people);
    await runAndSettle(app, failing, 3, people);

    await openApp(page, app);
    await gotoSettings(page);
    await chooseTheme(page, theme);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Runs' })
      .click();
    const rows = page.getByRole('listbox', { name: 'Runs' }).getByRole('option');
    await expect(rows).toHaveCount(12);
    await page.getByRole('listbox', { name: 'Runs' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.mouse.move(0, 0);
    await shot(page, `runs-${suffix}`);

    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'What went wrong' })).toBeVisible();
    await shot(page, `run-detail-${suffix}`);
    await page.getByRole('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await shot(page, `run-detail-bottom-${suffix}`);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Health' })
      .click();
    await expect(page.getByTestId('workflow-health')).toHaveCount(3);
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await shot(page, `health-${suffix}`);
    await page.getByRole('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await shot(page, `health-bottom-${suffix}`);
  });
}
