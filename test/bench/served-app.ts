/**
 * The app as browser mode serves it, for benchmarks that drive the UI: the built CLI
 * (`node out/main/cli.js serve`) on a temporary data directory and a free port on 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'out/main/cli.js');
const RENDERER_HTML = join(ROOT, 'out/renderer/index.html');
const SOURCES = ['renderer', 'shared', 'electron'];

export interface ServedApp {
  /** The printed address, token included. */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/**
 * Builds with `npx electron-vite build` when the build is missing; warns when the sources are
 * newer than the build (the benchmark then measures the last build, not the working tree).
 */
export function ensureBuilt(log: (line: string) => void): void {
  if (!existsSync(CLI) || !existsSync(RENDERER_HTML)) {
    log('out/ has no build: running `npx electron-vite build`…');
    // Build output goes to stderr so that with --json stdout stays figures only.
    const result = spawnSync('npx', ['electron-vite', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', 2, 2],
    });
    if (result.status !== 0 || !existsSync(CLI) || !existsSync(RENDERER_HTML)) {
      throw new Error(
        'The build failed, so there is no out/main/cli.js or out/renderer/index.html to serve. ' +
          'Run `npm run build`, fix what it reports, then run the benchmark again.',
      );
    }
    return;
  }
  const built = Math.min(statSync(CLI).mtimeMs, statSync(RENDERER_HTML).mtimeMs);
  const newer = SOURCES.flatMap((dir) => newerFiles(join(ROOT, dir), built));
  if (newer.length > 0) {
    log(
      `warning: ${newer.length} source file(s) changed after the last build (e.g. ` +
        `${newer.slice(0, 3).join(', ')}); this measures the build in out/. Run \`npm run build\` first to measure them.`,
    );
  }
}

function newerFiles(dir: string, than: number): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.test\.tsx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    if (statSync(path).mtimeMs > than) found.push(path.slice(ROOT.length + 1));
  }
  return found;
}

/** Starts `serve` on `dataDir` with a free port and resolves once it printed its address. */
export function startServedApp(dataDir: string): Promise<ServedApp> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let ready = false;
    const fail = (message: string) => {
      clearTimeout(timer);
      void stop(child).then(() => reject(new Error(`${message}\n${out}\n${err}`)));
    };
    const timer = setTimeout(() => fail('serve did not print its address in 20 s.'), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match && !ready) {
        ready = true;
        clearTimeout(timer);
        const url = match[1]!;
        resolvePromise({ url, origin: new URL(url).origin, stop: () => stop(child) });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', (error) => fail(`serve could not start: ${error.message}`));
    child.on('exit', (code) => {
      if (!ready) fail(`serve exited with ${code} before it was ready.`);
    });
  });
}

/** SIGTERM, then SIGKILL if the server has not exited after 5 s. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
