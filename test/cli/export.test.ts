import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkflowFile, serializeWorkflowFile } from '@shared/workflow/file';
import { createEngine } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { useTempDir } from '../support/temp-dir';
import { root, runCli } from './run-cli';

/** A data directory holding the fixture workflow twice, closed again so the CLI can lock it. */
function seeded(dataDir: string): string[] {
  const engine = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir) });
  try {
    const text = readFileSync(
      join(root, 'test/fixtures/workflows/manual-debug.switchyard.json'),
      'utf8',
    );
    const read = readWorkflowFile(text);
    if (!read.ok) throw new Error(read.message);
    const { trigger, steps, edges, settings } = read.workflows[0]!;
    return ['Alpha', 'Beta'].map(
      (name) =>
        engine.repos.workflows.save(
          { name, definition: { trigger, steps, edges, settings } },
          new Date(),
        ).id,
    );
  } finally {
    engine.close();
  }
}

describe('switchyard export', () => {
  const tempDir = useTempDir('switchyard-cli-export-');

  it('writes one workflow in canonical form to stdout', () => {
    const dataDir = tempDir();
    const [alpha] = seeded(dataDir);
    const result = runCli(['export', alpha!, '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    const read = readWorkflowFile(result.stdout);
    expect(read.ok && read.workflows.map((w) => w.name)).toEqual(['Alpha']);
    expect(read.ok && serializeWorkflowFile(read.workflows[0]!)).toBe(result.stdout);
  });

  it('--all writes a bundle; --out-dir writes one file each', () => {
    const dataDir = tempDir();
    seeded(dataDir);
    const bundle = runCli(['export', '--all', '--data-dir', dataDir]);
    expect(bundle.code).toBe(0);
    const read = readWorkflowFile(bundle.stdout);
    expect(read).toMatchObject({ ok: true, kind: 'bundle' });
    const out = join(tempDir(), 'files');
    const each = runCli(['export', '--all', '--data-dir', dataDir, '--out-dir', out]);
    expect(each.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['alpha.switchyard.json', 'beta.switchyard.json']);
  });

  it('names an unknown id with exit 2, and asks for ids or --all', () => {
    const dataDir = tempDir();
    seeded(dataDir);
    const missing = runCli(['export', 'wf_nope', '--data-dir', dataDir]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain(
      'switchyard: Workflow wf_nope does not exist, so it cannot be exported.',
    );
    const none = runCli(['export', '--data-dir', dataDir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('export needs workflow ids or --all.');
  });
});
