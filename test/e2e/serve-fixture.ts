import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startServe } from '../support/serve-process';

export interface ServedApp {
  /** The printed address, token included. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Stops the server and starts it again on the same data directory (and kept port). */
  restart(): Promise<void>;
}

/** Every test gets the real app, served by the real CLI, on a fresh data directory. */
export const test = base.extend<{ app: ServedApp; serveEnv: Record<string, string> }>({
  /** Extra environment for the serve process (`test.use({ serveEnv })`), e.g. a test hook. */
  serveEnv: [{}, { option: true }],
  app: async ({ serveEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
    let running = await startServe(dataDir, { env: serveEnv });
    const app: ServedApp = {
      get url() {
        return running.url;
      },
      get origin() {
        return running.origin;
      },
      get token() {
        return running.token;
      },
      dataDir,
      async restart() {
        await running.stop();
        running = await startServe(dataDir, { env: serveEnv });
      },
    };
    await use(app);
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
