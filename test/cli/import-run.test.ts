import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { useTempDir } from '../support/temp-dir';

const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/workflows/manual-debug.switchyard.json');
const runCli = (args: string[]) => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron/cli/index.ts'), ...args],
    {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') },
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

/** Opens the data directory after the CLI has let go of it, and reads what it stored. */
function stored(dataDir: string) {
  const engine = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir) });
  try {
    return {
      workflows: engine.repos.workflows.list().map((w) => ({ id: w.id, state: w.state })),
      runs: engine.db.prepare('SELECT workflow_id, state FROM runs').all(),
    };
  } finally {
    engine.close();
  }
}

/** Each case spawns the CLI from source several times; a loaded machine takes seconds per spawn. */
const SPAWNS_TIMEOUT_MS = 90_000;

describe('switchyard import and run', () => {
  const tempDir = useTempDir('switchyard-cli-import-');

  it(
    'imports a file disabled, asks what to do on a clash, and skips when told to',
    () => {
      const dataDir = tempDir();
      const first = runCli(['import', fixture, '--data-dir', dataDir]);
      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toBe(
        'manual-debug.switchyard.json: imported "Record a manual item" (manual_debug), disabled\n',
      );
      const clash = runCli(['import', fixture, '--data-dir', dataDir]);
      expect(clash.code).toBe(2);
      expect(clash.stderr).toContain(
        'switchyard: A workflow with id "manual_debug" ("Record a manual item") is already here: choose replace, keep both or skip.',
      );
      const skip = runCli([
        'import',
        fixture,
        '--on-clash',
        'skip',
        '--json',
        '--data-dir',
        dataDir,
      ]);
      expect(skip.code).toBe(0);
      expect(JSON.parse(skip.stdout)).toEqual([
        {
          file: 'manual-debug.switchyard.json',
          imported: [],
          skipped: [{ id: 'manual_debug', name: 'Record a manual item' }],
          unbound: [],
        },
      ]);
      expect(stored(dataDir).workflows).toEqual([{ id: 'manual_debug', state: 'disabled' }]);
    },
    SPAWNS_TIMEOUT_MS,
  );

  it(
    'refuses a broken file with exit 3 naming the path, storing nothing',
    () => {
      const dataDir = tempDir();
      const file = JSON.parse(readFileSync(fixture, 'utf8')) as { steps: { operation: string }[] };
      file.steps[0]!.operation = 'shred';
      const path = join(tempDir(), 'broken.switchyard.json');
      writeFileSync(path, JSON.stringify(file));
      const result = runCli(['import', path, '--data-dir', dataDir]);
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        'switchyard: broken.switchyard.json: $.steps[0].operation (node "record"): "debug" has no action "shred".\n',
      );
      expect(stored(dataDir).workflows).toEqual([]);
    },
    SPAWNS_TIMEOUT_MS,
  );

  it(
    'runs an imported workflow once in the foreground, after enabling it when asked',
    () => {
      const dataDir = tempDir();
      expect(runCli(['import', fixture, '--data-dir', dataDir]).code).toBe(0);
      const refused = runCli(['run', 'manual_debug', '--data-dir', dataDir]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        '"Record a manual item" (manual_debug) is disabled: enable it in the app, or pass --enable',
      );
      const ran = runCli([
        'run',
        'manual_debug',
        '--enable',
        '--item',
        '{"email":"grace@example.com"}',
        '--data-dir',
        dataDir,
      ]);
      expect(ran).toMatchObject({ code: 0, stderr: '' });
      expect(ran.stdout).toBe('"Record a manual item" (manual_debug): run #1 succeeded\n');
      expect(stored(dataDir)).toEqual({
        workflows: [{ id: 'manual_debug', state: 'active' }],
        runs: [{ workflow_id: 'manual_debug', state: 'succeeded' }],
      });
    },
    SPAWNS_TIMEOUT_MS,
  );
});
