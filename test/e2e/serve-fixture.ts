import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

export interface ServedApp {
  /** The printed address, token included. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Stops the server and starts it again on the same data directory (and kept port). */
  restart(): Promise<void>;
}

const CLI = resolve(import.meta.dirname, '../../out/main/cli.js');

function startServe(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`serve did not print its URL in 15 s.\n${out}\n${err}`)),
      15_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[1]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it was ready.\n${out}\n${err}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Every test gets the real app, served by the real CLI, on a fresh data directory. */
export const test = base.extend<{ app: ServedApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured
  app: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
    let running = await startServe(dataDir);
    const app: ServedApp = {
      get url() {
        return running.url;
      },
      get origin() {
        return new URL(running.url).origin;
      },
      get token() {
        return new URL(running.url).searchParams.get('token')!;
      },
      dataDir,
      async restart() {
        await stop(running.child);
        running = await startServe(dataDir);
      },
    };
    await use(app);
    await stop(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
