import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { useTempDir } from '../support/temp-dir';
import { root, runCli, spawnCli } from './run-cli';

const fixture = join(root, 'test/fixtures/workflows/manual-debug.switchyard.json');

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

/** A webhook workflow, imported and enabled, so headless `run` has something to do. */
function seedWebhookWorkflow(dataDir: string): string {
  const engine = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir) });
  try {
    const file = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>;
    file.trigger = {
      id: 'trigger',
      type: 'trigger',
      connector: 'webhook_in',
      operation: 'receive',
      connection: null,
      position: { x: 0, y: 0 },
      config: { verification: 'none' },
    };
    file.steps = [
      {
        id: 'record',
        type: 'action',
        connector: 'debug',
        operation: 'record',
        connection: null,
        position: { x: 0, y: 160 },
        config: { record: { email: '{{trigger.body.email}}' } },
      },
    ];
    engine.transfer.import({
      text: JSON.stringify(file),
      fileName: null,
      bindings: {},
      onClash: {},
    });
    engine.workflowEngine.enable('manual_debug');
    return engine.endpoints.info('manual_debug').path;
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
      const list = runCli(['list', '--data-dir', dataDir]);
      expect(list).toMatchObject({
        code: 0,
        stdout: 'manual_debug\tdisabled\t2\tRecord a manual item\n',
      });
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

  it(
    'run without ids runs enabled workflows headless until stopped: a posted webhook is worked',
    async () => {
      const dataDir = tempDir();
      const path = seedWebhookWorkflow(dataDir);
      const child = spawnCli(['run', '--port', '0', '--data-dir', dataDir]);
      let stdout = '';
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      try {
        const port = await new Promise<number>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`run printed nothing: ${stdout}`)), 60_000);
          child.stdout!.on('data', () => {
            const match = /running enabled workflows \(webhooks on port (\d+)\)/.exec(stdout);
            if (match) {
              clearTimeout(timer);
              done(Number(match[1]));
            }
          });
        });
        const answer = await fetch(`http://127.0.0.1:${port}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'grace@example.com' }),
        });
        expect(answer.status).toBe(202);
        // The dispatcher works the queued run in the background; wait for it, then stop.
        for (let i = 0; i < 100; i++) {
          await new Promise((r) => setTimeout(r, 300));
          const db = new Database(join(dataDir, 'switchyard.db'), { readonly: true });
          const done = db
            .prepare("SELECT count(*) FROM runs WHERE state = 'succeeded'")
            .pluck()
            .get();
          db.close();
          if (done === 1) break;
        }
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
      expect(stored(dataDir).runs).toEqual([{ workflow_id: 'manual_debug', state: 'succeeded' }]);
    },
    SPAWNS_TIMEOUT_MS,
  );
});
