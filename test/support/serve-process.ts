import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const CLI = resolve(import.meta.dirname, '../../out/main/cli.js');

export interface ServeProcess {
  child: ChildProcess;
  /** The printed address, token included. */
  url: string;
  origin: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts `cli.js serve` on a data directory: the e2e fixture's app, and benchmarks'. */
export function startServe(
  dataDir: string,
  options: { env?: Record<string, string> } = {},
): Promise<ServeProcess> {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`npx electron-vite build\` first.`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
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
      if (!match) return;
      clearTimeout(timer);
      const url = new URL(match[1]!);
      resolvePromise({
        child,
        url: match[1]!,
        origin: url.origin,
        token: url.searchParams.get('token')!,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it was ready.\n${out}\n${err}`));
    });
  });
}
