import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '@shared/errors';
import type { Logger } from '../engine/types';
import { openHeadlessEngine } from './open-engine';

/** `export <id>... | --all`: one file to stdout, or with --out-dir one file per workflow. */
export function exportCommand(options: {
  dataDir: string;
  ids: string[] | 'all';
  outDir?: string;
  logger: Logger;
  onProgress?: (done: number, total: number) => void;
}): { text?: string; written: string[]; stripped: number } {
  const engine = openHeadlessEngine(options.dataDir, options.logger);
  try {
    const { files, stripped } = engine.transfer.export(
      options.ids,
      options.outDir ? 'each' : 'single',
    );
    if (files.length === 0)
      throw new UserError('not_found', `There are no workflows in ${options.dataDir} to export.`);
    if (!options.outDir) return { text: files[0]!.text, written: [], stripped: stripped.length };
    mkdirSync(options.outDir, { recursive: true });
    const written = files.map((file, i) => {
      const path = join(options.outDir!, file.fileName);
      writeFileSync(path, file.text);
      options.onProgress?.(i + 1, files.length);
      return path;
    });
    return { written, stripped: stripped.length };
  } finally {
    engine.close();
  }
}
