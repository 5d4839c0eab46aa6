import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '@shared/errors';
import { WORKFLOW_FILE_EXTENSION } from '@shared/workflow/file';
import { createEngine } from '../engine';
import { createKeyFileKeyring } from '../engine/secrets/keyfile-keyring';
import { exportWorkflows, exportedText } from '../engine/transfer/export';
import type { Logger } from '../engine/types';

/** Refuses a directory whose vault key is sealed by the desktop's OS keychain. */
function refuseDesktopSealed(keyrings: string[], dataDir: string): void {
  const foreign = keyrings.find((k) => k !== 'keyfile');
  if (foreign) {
    throw new UserError(
      'vault_locked',
      `${dataDir} belongs to the desktop app (its secrets are sealed by "${foreign}"), which the CLI cannot open. Export the workflows from the app, then import them here.`,
    );
  }
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'workflow';

/** `export <id>... | --all`: one file to stdout, or with --out-dir one file per workflow. */
export function exportCommand(options: {
  dataDir: string;
  ids: string[] | 'all';
  outDir?: string;
  logger: Logger;
}): { text?: string; written: string[]; stripped: number } {
  const engine = createEngine({
    dataDir: options.dataDir,
    keyring: createKeyFileKeyring(options.dataDir),
    logger: options.logger,
  });
  try {
    refuseDesktopSealed(
      engine.db.prepare('SELECT keyring FROM vault_keys').pluck().all() as string[],
      options.dataDir,
    );
    const { files, stripped } = exportWorkflows(
      { ...engine.repos, logger: options.logger },
      options.ids,
    );
    if (files.length === 0)
      throw new UserError('not_found', `There are no workflows in ${options.dataDir} to export.`);
    if (!options.outDir)
      return { text: exportedText(files), written: [], stripped: stripped.length };
    mkdirSync(options.outDir, { recursive: true });
    const used = new Set<string>();
    const written = files.map((file) => {
      let name = `${slug(file.name)}${WORKFLOW_FILE_EXTENSION}`;
      if (used.has(name)) name = `${slug(file.name)}-${file.id}${WORKFLOW_FILE_EXTENSION}`;
      used.add(name);
      const path = join(options.outDir!, name);
      writeFileSync(path, exportedText([file]));
      return path;
    });
    return { written, stripped: stripped.length };
  } finally {
    engine.close();
  }
}
