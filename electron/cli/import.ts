import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '@shared/errors';
import type { ClashChoice, ImportResult } from '@shared/transfer/schemas';
import { MAX_WORKFLOW_FILE_BYTES } from '@shared/workflow/file';
import type { Logger } from '../engine/types';
import { openHeadlessEngine } from './open-engine';

export interface ImportCommandOptions {
  dataDir: string;
  files: string[];
  /** `alias=connectionId` pairs; an alias left out takes the only account of its kind. */
  bind: string[];
  onClash?: ClashChoice;
  logger: Logger;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport extends ImportResult {
  file: string;
}

/** Errors that mean the file itself is wrong (exit 3), not the request (exit 2). */
export const FILE_ERROR_CODES = new Set([
  'invalid_file',
  'file_too_large',
  'file_newer_schema',
  'missing_connector',
]);

function parseBindings(pairs: string[]): Record<string, string | null> {
  const bindings: Record<string, string | null> = {};
  for (const pair of pairs) {
    const match = /^([^=]+)=(.*)$/.exec(pair);
    if (!match) {
      throw new UserError(
        'invalid_input',
        `--bind takes alias=connectionId (or alias= to leave it unbound), not "${pair}".`,
      );
    }
    bindings[match[1]!] = match[2] === '' ? null : match[2]!;
  }
  return bindings;
}

function readText(path: string): string {
  try {
    const size = statSync(path).size;
    if (size <= MAX_WORKFLOW_FILE_BYTES) return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError('not_found', `Cannot read ${path}: ${(error as Error).message}`);
  }
  throw new UserError(
    'file_too_large',
    `${basename(path)}: The file is larger than ${MAX_WORKFLOW_FILE_BYTES / 1024 / 1024} MB, the limit for a workflow file.`,
  );
}

/**
 * `import <file>...`: each file through the engine's importer, as the wizard does (arriving
 * disabled). Each file is one transaction; a refused file changes nothing and stops the rest.
 */
export function importCommand(options: ImportCommandOptions): ImportReport[] {
  const bindings = parseBindings(options.bind);
  const texts = options.files.map((path) => ({ path, text: readText(path) }));
  const engine = openHeadlessEngine(options.dataDir, options.logger);
  try {
    return texts.map(({ path, text }, i) => {
      const fileName = basename(path);
      const preview = engine.transfer.preview(text, fileName);
      const aliases = new Set(preview.connections.map((c) => c.alias));
      const result = engine.transfer.import({
        text,
        fileName,
        bindings: Object.fromEntries(Object.entries(bindings).filter(([a]) => aliases.has(a))),
        onClash: options.onClash
          ? Object.fromEntries(preview.workflows.map((w) => [w.id, options.onClash!]))
          : {},
      });
      options.onProgress?.(i + 1, texts.length);
      return { file: fileName, ...result };
    });
  } finally {
    engine.close();
  }
}

export function describeImport(report: ImportReport): string {
  const lines = report.imported.map(
    (w) =>
      `${report.file}: ${w.action === 'replaced' ? 'replaced' : 'imported'} "${w.name}" (${w.id}), disabled\n`,
  );
  for (const w of report.skipped) lines.push(`${report.file}: skipped "${w.name}" (${w.id})\n`);
  if (report.unbound.length > 0) {
    lines.push(
      `${report.file}: no account bound for ${report.unbound.map((a) => `"${a}"`).join(', ')}; pick one in the app (or --bind alias=connectionId) before enabling\n`,
    );
  }
  return lines.join('');
}
