import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../support/temp-dir';
import { root, runCli } from './run-cli';

const fixtures = join(root, 'test/fixtures/workflows');

describe('switchyard validate', () => {
  const tempDir = useTempDir('switchyard-validate-');

  it('accepts good files (any key order, CRLF) with exit 0 and names each workflow', () => {
    const result = runCli([
      'validate',
      join(fixtures, 'manual-debug.switchyard.json'),
      join(fixtures, 'shuffled-crlf.switchyard.json'),
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      'manual-debug.switchyard.json: ok — "Record a manual item" (manual_debug), 2 nodes',
    );
    expect(result.stdout).toContain('shuffled-crlf.switchyard.json: ok');
  });

  it('rejects a broken file with exit 3 and a message naming the file, the JSON path and the node', () => {
    const file = JSON.parse(
      readFileSync(join(fixtures, 'manual-debug.switchyard.json'), 'utf8'),
    ) as {
      steps: { position: { x: unknown } }[];
    };
    file.steps[0]!.position.x = 'left';
    const path = join(tempDir(), 'broken.switchyard.json');
    writeFileSync(path, JSON.stringify(file));
    const result = runCli(['validate', path]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^broken\.switchyard\.json: \$\.steps\[0\]\.position\.x \(node "record"\): /,
    );
  });

  it('reports an unknown connector as an error at its node, and --json gives the same as data', () => {
    const file = JSON.parse(
      readFileSync(join(fixtures, 'manual-debug.switchyard.json'), 'utf8'),
    ) as {
      steps: { connector: string }[];
    };
    file.steps[0]!.connector = 'pipedrive_crm';
    const path = join(tempDir(), 'pipedrive.switchyard.json');
    writeFileSync(path, JSON.stringify(file));
    const result = runCli(['validate', '--json', path]);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({
        ok: false,
        issues: [expect.objectContaining({ path: '$.steps[0].connector', nodeId: 'record' })],
      }),
    ]);
  });

  it('refuses a truncated file and a newer schema with exit 3', () => {
    const text = readFileSync(join(fixtures, 'manual-debug.switchyard.json'), 'utf8');
    const dir = tempDir();
    writeFileSync(join(dir, 'cut.switchyard.json'), text.slice(0, 100));
    writeFileSync(join(dir, 'new.switchyard.json'), text.replace('"schema": 1', '"schema": 2'));
    const cut = runCli(['validate', join(dir, 'cut.switchyard.json')]);
    expect(cut.code).toBe(3);
    expect(cut.stderr).toMatch(/^cut\.switchyard\.json: The file is not valid JSON/);
    const newer = runCli(['validate', join(dir, 'new.switchyard.json')]);
    expect(newer.code).toBe(3);
    expect(newer.stderr).toContain('written by a newer Switchyard (workflow file schema 2)');
  });

  it('says which file it cannot read, with exit 2', () => {
    const result = runCli(['validate', join(tempDir(), 'missing.switchyard.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^switchyard: Cannot read .*missing\.switchyard\.json/);
  });
});
