import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * The CLI runs from source through tsx, so these tests need no build: `npm test` runs vitest
 * before `npm run build`. tsx resolves the `@shared/*` alias from tsconfig.node.json.
 */
export const root = join(import.meta.dirname, '../..');
const cliArgs = ['--import', 'tsx', join(root, 'electron/cli/index.ts')];
const cliEnv = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') };

/** Runs the CLI to its end: its exit code and what it printed. */
export function runCli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...cliArgs, ...args], {
    cwd: root,
    env: cliEnv,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI and leaves it running (serve, run --watch). */
export const spawnCli = (args: string[]): ChildProcess =>
  spawn(process.execPath, [...cliArgs, ...args], {
    cwd: root,
    env: cliEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
