import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Failpoint } from '../../electron/engine/types';

const root = join(import.meta.dirname, '../..');
const childSource = join(import.meta.dirname, 'engine-child.ts');

/** How one life of the engine ends: killed at a random delay, at a failpoint, or not at all. */
export type Ending =
  | { kind: 'random'; delayMs: number }
  | { kind: 'failpoint'; name: Failpoint; nth: number }
  | { kind: 'completion' };

export interface LifeOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed by the guard because it ran longer than allowed: a failure, not a planned kill. */
  timedOut: boolean;
  /** Milliseconds from the child saying it was ready to its exit (null: it never was). */
  ranMs: number | null;
}

/** Children still alive, so the test can kill them whatever happens. */
export const liveChildren = new Set<ChildProcess>();

/**
 * Runs the engine child once on `env` (data dir, sink URL, sizes) and ends it as `ending` says.
 * A random kill is timed from the child's `ready` line, so it lands in the work, not in tsx.
 */
export function runLife(
  env: Record<string, string>,
  ending: Ending,
  timeoutMs: number,
): Promise<LifeOutcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', childSource], {
    cwd: root,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json'),
      ...env,
      CRASH_AT: ending.kind === 'failpoint' ? `${ending.name}:${ending.nth}` : '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  let stdout = '';
  let stderr = '';
  let readyAt: number | null = null;
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (readyAt === null && stdout.includes('ready ')) {
      readyAt = performance.now();
      if (ending.kind === 'random')
        killTimer = setTimeout(() => child.kill('SIGKILL'), ending.delayMs);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let timedOut = false;
  const guard = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  return new Promise((done) => {
    child.once('close', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(killTimer);
      liveChildren.delete(child);
      const ranMs = readyAt === null ? null : Math.round(performance.now() - readyAt);
      done({ code, signal, stdout, stderr, timedOut, ranMs });
    });
  });
}
