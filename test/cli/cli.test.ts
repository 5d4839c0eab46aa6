import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_VERSION } from '@shared/version';
import { useTempDir } from '../support/temp-dir';
import { root, spawnCli } from './run-cli';

const builtRenderer = join(root, 'out/renderer/index.html');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess): { output: () => Omit<Exit, 'code' | 'signal'> } {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { output: () => ({ stdout, stderr }) };
}

function exited(child: ChildProcess, output: () => Omit<Exit, 'code' | 'signal'>): Promise<Exit> {
  return new Promise((done) => {
    const finish = () => done({ code: child.exitCode, signal: child.signalCode, ...output() });
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once('close', finish);
  });
}

/** Runs the CLI to completion. */
function runCli(args: string[]): Promise<Exit> {
  const child = spawnCli(args);
  return exited(child, collect(child).output);
}

const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  running.clear();
});

/** Starts `serve` and resolves once it printed its address. */
function startServe(args: string[]) {
  const child = spawnCli(['serve', ...args]);
  running.add(child);
  const { output } = collect(child);
  const url = new Promise<string>((resolveUrl, reject) => {
    const onData = () => {
      const match = /running at (http:\/\/\S+)/.exec(output().stdout);
      if (match) {
        child.stdout!.off('data', onData);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('close', (code) =>
      reject(
        new Error(`serve exited with ${code} before printing its address:\n${output().stderr}`),
      ),
    );
  });
  return { child, url, exit: () => exited(child, output) };
}

describe('switchyard CLI', () => {
  const tempDir = useTempDir('switchyard-cli-');

  it('prints the version', async () => {
    const result = await runCli(['version']);
    expect(result).toMatchObject({ code: 0, stdout: `${APP_VERSION}\n`, stderr: '' });
  });

  it.each(['notanumber', '', '-1', '65536', '0x50', '1e3'])(
    'refuses --port "%s" with a clear message, before touching any data',
    async (port) => {
      const dataDir = join(tempDir(), 'never-created');
      const result = await runCli(['serve', '--data-dir', dataDir, `--port=${port}`]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `switchyard: --port must be a number from 0 to 65535, not "${port}".\n`,
      );
      expect(existsSync(dataDir)).toBe(false);
    },
  );

  it.each(['0', '17', 'two', '', '2.5', '0x4', '1e1'])(
    'refuses --runs-at-once "%s" with a clear message, before touching any data',
    async (n) => {
      const dataDir = join(tempDir(), 'never-created');
      const result = await runCli(['run', '--data-dir', dataDir, `--runs-at-once=${n}`]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `switchyard: --runs-at-once must be a whole number from 1 to 16, not "${n}".\n`,
      );
      expect(existsSync(dataDir)).toBe(false);
    },
  );

  it('names an unknown command and shows the usage', async () => {
    const result = await runCli(['sevre']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('switchyard: Unknown command "sevre".');
    expect(result.stderr).toContain('Usage: switchyard <command> [options]');
  });
});

const serveSkip = existsSync(builtRenderer)
  ? null
  : 'out/renderer is not built (npm test builds after vitest): run `npm run build` first';
if (serveSkip) console.info(`[cli.test] serve tests skipped: ${serveSkip}`);

describe.skipIf(serveSkip !== null)(
  `switchyard serve${serveSkip ? ` (skipped: ${serveSkip})` : ''}`,
  () => {
    const tempDir = useTempDir('switchyard-cli-');
    let blocker: Server | null = null;
    afterEach(async () => {
      await new Promise<void>((done) => (blocker ? blocker.close(() => done()) : done()));
      blocker = null;
    });

    it('prints an address with a token, answers on it, and exits cleanly on SIGTERM', async () => {
      const dataDir = tempDir();
      const serve = startServe(['--data-dir', dataDir, '--port', '0']);
      const printed = new URL(await serve.url);
      expect(printed.hostname).toBe('127.0.0.1');
      expect(Number(printed.port)).toBeGreaterThan(0);
      const token = printed.searchParams.get('token');
      expect(token).toMatch(/^[\w-]{20,}$/);

      // The token in the address is exchanged for a session cookie…
      const opened = await fetch(printed, { redirect: 'manual' });
      expect(opened.status).toBe(303);
      expect(opened.headers.get('set-cookie')).toContain(`=${token}`);
      // …the page is served with it…
      const page = await fetch(new URL('/', printed), {
        headers: { cookie: opened.headers.get('set-cookie')!.split(';')[0]! },
      });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Switchyard</title>');
      // …the API answers, on the data directory given…
      const info = await fetch(new URL('/api/call/app:info', printed), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(info.status).toBe(200);
      expect(await info.json()).toMatchObject({
        ok: true,
        value: { version: APP_VERSION, mode: 'browser', dataDir },
      });
      // …and nothing is served without the token.
      expect((await fetch(new URL('/', printed))).status).toBe(401);

      serve.child.kill('SIGTERM');
      const result = await serve.exit();
      expect(result).toMatchObject({ code: 0, signal: null });
      expect(result.stdout).toContain(`Data: ${dataDir}\n`);
      await expect(fetch(new URL('/', printed))).rejects.toThrow();
    });

    it('says clearly when the port is already in use', async () => {
      blocker = createServer();
      const port = await new Promise<number>((done) =>
        blocker!.listen(0, '127.0.0.1', () => done((blocker!.address() as { port: number }).port)),
      );
      const result = await runCli(['serve', '--data-dir', tempDir(), '--port', String(port)]);
      expect(result.code).toBe(2);
      expect(result.stdout).not.toContain('running at');
      expect(result.stderr).toContain(
        `switchyard: Port ${port} on 127.0.0.1 is in use by another program. Stop it, or start with --port <another port>.`,
      );
      expect(result.stderr).not.toMatch(/^\s+at /m); // a message, not a stack trace
    });
  },
);
