import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../../electron/engine/db/open';
import { fillDatabase } from '../support/full-database';

export const FilesystemKind = z.enum(['tmpfs', 'loop', 'sqlite-max-page-count']);
export type FilesystemKind = z.infer<typeof FilesystemKind>;

/** Where the data directory lives, and how to take its free space away and give it back. */
export interface SmallFilesystem {
  kind: FilesystemKind;
  /** Why a smaller kind was not used (null: the first choice worked). */
  why: string | null;
  dataDir: string;
  /** Takes the free space away; the engine's connection is needed by the SQLite fallback only. */
  fill(db: Db): void;
  /** Gives the space back (deletes the filler). */
  free(): void;
  cleanup(): void;
}

const run = (file: string, args: string[]) =>
  execFileSync(file, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });

const reason = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);

/** A file that takes every free byte of the filesystem it is on (64 KiB at a time). */
function filler(mountPoint: string) {
  const path = join(mountPoint, 'filler.bin');
  return {
    fill() {
      const fd = openSync(path, 'w');
      const chunk = Buffer.alloc(64 * 1024, 0x5a);
      // Leaves less than 64 KiB: a few WAL pages, no more.
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    },
    free: () => unlinkSync(path),
  };
}

function mounted(kind: 'tmpfs' | 'loop', root: string, mountPoint: string): SmallFilesystem {
  const dataDir = join(mountPoint, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const space = filler(mountPoint);
  return {
    kind,
    why: null,
    dataDir,
    fill: () => space.fill(),
    free: () => space.free(),
    cleanup() {
      try {
        run('umount', [mountPoint]);
      } catch {
        run('umount', ['-l', mountPoint]);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The smallest real filesystem this machine lets us make: an 8 MiB tmpfs, else a 16 MiB ext4
 * loop file, else SQLite's `max_page_count` on the engine's connection (the same SQLITE_FULL).
 * `mount: false` goes straight to the fallback (tests in `npm test` do not mount).
 */
export function smallFilesystem(options: {
  mount: boolean;
  notMounting?: string;
  /** Skip the kinds before this one (CHAOS_DISK_FS=loop tries the loop file first). */
  from?: FilesystemKind;
}): SmallFilesystem {
  const reasons: string[] = [];
  const from = options.from ?? 'tmpfs';
  if (options.mount && from !== 'sqlite-max-page-count') {
    const root = mkdtempSync(join(tmpdir(), 'switchyard-disk-'));
    const mountPoint = join(root, 'mnt');
    mkdirSync(mountPoint);
    if (from === 'tmpfs') {
      try {
        run('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', mountPoint]);
        return mounted('tmpfs', root, mountPoint);
      } catch (error) {
        reasons.push(`tmpfs: ${reason(error)}`);
      }
    } else reasons.push(`tmpfs: skipped (CHAOS_DISK_FS=${from})`);
    try {
      const image = join(root, 'disk.img');
      run('truncate', ['-s', '16M', image]);
      run('mkfs.ext4', ['-q', '-F', image]);
      run('mount', ['-o', 'loop', image, mountPoint]);
      return { ...mounted('loop', root, mountPoint), why: reasons.join('; ') };
    } catch (error) {
      reasons.push(`loop: ${reason(error)}`);
    }
    rmSync(root, { recursive: true, force: true });
  } else {
    reasons.push(options.mount ? `CHAOS_DISK_FS=${from}` : (options.notMounting ?? 'not mounting'));
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-disk-'));
  let limit: { release(): void } | null = null;
  return {
    kind: 'sqlite-max-page-count',
    why: reasons.join('; '),
    dataDir,
    fill: (db) => {
      limit = fillDatabase(db);
    },
    free: () => limit?.release(),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
