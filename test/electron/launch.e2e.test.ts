import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const mainEntry = join(root, 'out/main/index.js');

/**
 * Finds the Electron executable the way node_modules/electron/index.js does, without requiring
 * that file: requiring it downloads the binary when it is missing, and this machine has no network.
 */
function findElectronBinary(): string | null {
  const packageDir = join(root, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

const electronBinary = findElectronBinary();
const skipReason =
  electronBinary === null
    ? 'no Electron binary is installed (node_modules/electron/path.txt or its dist/ file is missing) and none can be downloaded here'
    : !existsSync(mainEntry)
      ? 'out/main/index.js is not built: run `npm run build` first'
      : null;
if (skipReason) console.info(`[launch.e2e] skipped: ${skipReason}`);

describe('the desktop app', () => {
  it.skipIf(skipReason !== null)(
    `launches a sandboxed Switchyard window whose bridge reaches the engine${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    async () => {
      const { _electron } = await import('@playwright/test');
      const userData = mkdtempSync(join(tmpdir(), 'switchyard-launch-'));
      // The built renderer, not a dev server: ELECTRON_RENDERER_URL is left out.
      const env = Object.fromEntries(
        Object.entries(process.env).filter(
          (entry): entry is [string, string] =>
            entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL',
        ),
      );
      const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
      const app = await _electron.launch({
        executablePath: electronBinary as string,
        args: [...rootArgs, mainEntry, `--user-data-dir=${userData}`],
        env,
      });
      try {
        const page = await app.firstWindow();
        await page.waitForLoadState('domcontentloaded');
        expect(await page.title()).toBe('Switchyard');
        const probe = await page.evaluate(async () => {
          const bridge = (
            globalThis as unknown as {
              switchyard: { invoke(c: string, i: unknown): Promise<unknown> };
            }
          ).switchyard;
          const info = await bridge.invoke('app:info', {});
          const refused = await bridge.invoke('fs:read', {}).then(
            () => 'forwarded',
            (error: Error) => error.message,
          );
          return {
            keys: Object.keys(bridge).sort(),
            hasRequire: 'require' in globalThis,
            hasProcess: 'process' in globalThis,
            info,
            refused,
          };
        });
        expect(probe.keys).toEqual(['invoke', 'onEvent']);
        expect(probe.hasRequire).toBe(false);
        expect(probe.hasProcess).toBe(false);
        expect(probe.info).toMatchObject({
          ok: true,
          value: { mode: 'desktop', dataDir: userData },
        });
        expect(probe.refused).toMatch(/Unknown channel/);
      } finally {
        await app.close();
        rmSync(userData, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it.skipIf(skipReason !== null)(
    `shows a tray icon, closes to the tray, and quits cleanly from it${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    async () => {
      const { _electron } = await import('@playwright/test');
      const userData = mkdtempSync(join(tmpdir(), 'switchyard-tray-'));
      const env = Object.fromEntries(
        Object.entries(process.env).filter(
          (entry): entry is [string, string] =>
            entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL',
        ),
      );
      const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
      const app = await _electron.launch({
        executablePath: electronBinary as string,
        args: [...rootArgs, mainEntry, `--user-data-dir=${userData}`],
        env,
      });
      try {
        const page = await app.firstWindow();
        await page.waitForLoadState('domcontentloaded');
        const tray = await app.evaluate(() => {
          const t = (globalThis as { switchyardTray?: { isDestroyed(): boolean } }).switchyardTray;
          return t ? !t.isDestroyed() : false;
        });
        expect(tray).toBe(true);
        // Close to tray (on by default): the window hides, the app keeps running.
        await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
        await page.waitForTimeout(500);
        const windows = await app.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows().map((w) => w.isVisible()),
        );
        expect(windows).toEqual([false]);
        // Quit as the tray's Quit does: workers stop, then the process exits.
        const exited = new Promise<void>((resolve) => app.process().once('exit', () => resolve()));
        await app.evaluate(({ app: electronApp }) => electronApp.quit());
        await exited;
      } finally {
        await app.close().catch(() => {});
        rmSync(userData, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
