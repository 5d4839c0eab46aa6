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

export interface LifeSpec {
  /** A TypeScript entry run through tsx, e.g. engine-child.ts or electron/cli/index.ts. */
  script: string;
  args?: string[];
  env: Record<string, string>;
  /** The stdout text that says the engine is up and working. */
  readyPattern: RegExp;
  /** Longer than this and the guard kills it (reported as timedOut). */
  timeoutMs: number;
}

export interface Life {
  child: ChildProcess;
  /** The ready line's match, or null when the process ended before it was ready. */
  ready: Promise<RegExpExecArray | null>;
  outcome: Promise<LifeOutcome>;
}

/** Starts one life of an engine process from source and watches its output and its end. */
export function startLife(spec: LifeSpec): Life {
  const child = spawn(process.execPath, ['--import', 'tsx', spec.script, ...(spec.args ?? [])], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json'), ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  let stdout = '';
  let stderr = '';
  let readyAt: number | null = null;
  let markReady: (match: RegExpExecArray | null) => void = () => {};
  const ready = new Promise<RegExpExecArray | null>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const match = readyAt === null ? spec.readyPattern.exec(stdout) : null;
    if (match) {
      readyAt = performance.now();
      markReady(match);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let timedOut = false;
  const guard = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, spec.timeoutMs);
  const outcome = new Promise<LifeOutcome>((done) => {
    child.once('close', (code, signal) => {
      clearTimeout(guard);
      liveChildren.delete(child);
      markReady(null);
      const ranMs = readyAt === null ? null : Math.round(performance.now() - readyAt);
      done({ code, signal, stdout, stderr, timedOut, ranMs });
    });
  });
  return { child, ready, outcome };
}

/**
 * Runs the engine child once on `env` (data dir, sink URL, sizes) and ends it as `ending` says.
 * A random kill is timed from the child's `ready` line, so it lands in the work, not in tsx.
 */
export async function runLife(
  env: Record<string, string>,
  ending: Ending,
  timeoutMs: number,
): Promise<LifeOutcome> {
  const life = startLife({
    script: childSource,
    env: { ...env, CRASH_AT: ending.kind === 'failpoint' ? `${ending.name}:${ending.nth}` : '' },
    readyPattern: /ready /,
    timeoutMs,
  });
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  if (ending.kind === 'random')
    void life.ready.then((match) => {
      if (match) killTimer = setTimeout(() => life.child.kill('SIGKILL'), ending.delayMs);
    });
  const outcome = await life.outcome;
  clearTimeout(killTimer);
  return outcome;
}
