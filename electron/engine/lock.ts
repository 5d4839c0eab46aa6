import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '@shared/errors';

const heldInThisProcess = new Set<string>();

/** One engine per data directory: a lock file holding the owner's pid, stale locks reclaimed. */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  const file = join(dir, 'engine.lock');
  if (heldInThisProcess.has(dir)) throw locked(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldInThisProcess.add(dir);
      return () => {
        heldInThisProcess.delete(dir);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner))
        throw locked(dir, owner);
      rmSync(file, { force: true }); // left behind by a process that died
    }
  }
  throw locked(dir, NaN);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const locked = (dir: string, pid: number) =>
  new UserError(
    'data_dir_locked',
    `Another Switchyard engine${Number.isNaN(pid) ? '' : ` (process ${pid})`} is using ${dir}. Close it first, or choose another directory with --data-dir.`,
    { dataDir: dir },
  );
