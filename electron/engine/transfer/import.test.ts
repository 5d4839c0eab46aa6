import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult, ExportResult } from '@shared/transfer/schemas';
import { readWorkflowFile, serializeWorkflowFile } from '@shared/workflow/file';
import { useEngines } from '../../../test/support/engine';
import { storedState } from '../../../test/support/stored-state';
import { useTempDir } from '../../../test/support/temp-dir';
import type { EngineInternals } from '../index';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/workflows');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const SHEET_FILE = 'sheet-rows-debug.switchyard.json';

async function call<T>(engine: EngineInternals, channel: string, input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function refusal(engine: EngineInternals, channel: string, input: unknown) {
  const result = await engine.invoke(channel, input);
  if (result.ok) throw new Error(`${channel} was expected to refuse`);
  return result.error as { code: string; message: string; details?: unknown };
}

describe('importing workflow files', () => {
  const tempDir = useTempDir('switchyard-import-');
  const openEngine = useEngines();

  function world() {
    const engine = openEngine(tempDir());
    const now = new Date('2026-12-01T10:00:00Z');
    const work = engine.repos.connections.create(
      { kind: 'google', name: 'Work', account: 'ops@example.com', secret: { accessToken: 't' } },
      now,
    );
    return { engine, work };
  }

  it('previews what the file holds and the accounts each connection can use', async () => {
    const { engine, work } = world();
    const preview = await call<ImportPreview>(engine, 'files:preview', {
      text: fixture(SHEET_FILE),
      fileName: SHEET_FILE,
    });
    expect(preview.workflows).toEqual([
      {
        id: 'sheet_rows_to_debug',
        name: 'New sheet rows, recorded',
        description: 'Watches the Leads tab and records each new row.',
        nodeCount: 3,
        connectors: ['Google Sheets & Calendar', 'Debug'],
        existing: null,
      },
    ]);
    expect(preview.connections).toMatchObject([
      {
        alias: 'leads_sheet',
        kind: 'google',
        accepts: ['google'],
        usedBy: [{ workflowId: 'sheet_rows_to_debug', nodeId: 'trigger' }],
        candidates: [{ id: work.id, name: 'Work', account: 'ops@example.com' }],
        suggested: work.id,
      },
    ]);
    expect(preview.problems).toEqual([]);
    expect(preview.missingConnectors).toEqual([]);
  });

  it('names a connector this Switchyard lacks, and refuses to import it', async () => {
    const { engine } = world();
    const text = fixture(SHEET_FILE).replace(
      '"connector": "debug"',
      '"connector": "pipedrive_crm"',
    );
    const preview = await call<ImportPreview>(engine, 'files:preview', { text });
    expect(preview.missingConnectors).toEqual([
      {
        id: 'pipedrive_crm',
        name: 'Pipedrive CRM',
        message:
          'needs the Pipedrive CRM connector ("pipedrive_crm"), which this Switchyard does not have',
      },
    ]);
    expect(preview.problems[0]).toMatchObject({ path: '$.steps[1].connector', nodeId: 'record' });
    const before = storedState(engine);
    const error = await refusal(engine, 'files:import', { text });
    expect(error.code).toBe('missing_connector');
    expect(error.message).toBe(
      '$.steps[1].connector (node "record"): needs the Pipedrive CRM connector ("pipedrive_crm"), which this Switchyard does not have',
    );
    expect(storedState(engine)).toBe(before);
  });

  it('binds the alias to the chosen account, stores it disabled, audits it, and exports the same bytes', async () => {
    const { engine, work } = world();
    const text = fixture(SHEET_FILE);
    const result = await call<ImportResult>(engine, 'files:import', {
      text,
      fileName: SHEET_FILE,
      bindings: { leads_sheet: work.id },
    });
    expect(result).toEqual({
      imported: [
        {
          id: 'sheet_rows_to_debug',
          name: 'New sheet rows, recorded',
          fileId: 'sheet_rows_to_debug',
          action: 'created',
        },
      ],
      skipped: [],
      unbound: [],
    });
    const stored = engine.repos.workflows.get('sheet_rows_to_debug')!;
    expect(stored.state).toBe('disabled');
    expect(stored.definition.trigger!.connection).toBe(work.id);
    const audit = engine.repos.audit.recent();
    expect(audit.map((a) => [a.channel, a.target, a.detail.action, a.detail.how])).toEqual([
      ['files:import', 'sheet_rows_to_debug', 'imported', 'created'],
    ]);
    const exported = await call<ExportResult>(engine, 'files:export', {
      ids: ['sheet_rows_to_debug'],
    });
    expect(exported.files).toEqual([{ fileName: 'new-sheet-rows-recorded.switchyard.json', text }]);
  });

  it('takes the only account of the kind when the operator binds nothing, and leaves none when there is none', async () => {
    const { engine, work } = world();
    await call(engine, 'files:import', { text: fixture(SHEET_FILE) });
    expect(engine.repos.workflows.get('sheet_rows_to_debug')!.definition.trigger!.connection).toBe(
      work.id,
    );
    const bare = openEngine(tempDir());
    const result = await call<ImportResult>(bare, 'files:import', { text: fixture(SHEET_FILE) });
    expect(result.unbound).toEqual(['leads_sheet']);
    expect(bare.repos.workflows.get('sheet_rows_to_debug')!.definition.trigger!.connection).toBe(
      null,
    );
  });

  it('refuses an account of the wrong kind or one that does not exist, changing nothing', async () => {
    const { engine } = world();
    const smtp = engine.repos.connections.create(
      { kind: 'smtp', name: 'Mail', secret: { password: 'p' } },
      new Date(),
    );
    const before = storedState(engine);
    const wrong = await refusal(engine, 'files:import', {
      text: fixture(SHEET_FILE),
      bindings: { leads_sheet: smtp.id },
    });
    expect(wrong).toMatchObject({ code: 'invalid_input' });
    expect(wrong.message).toBe(
      'bindings.leads_sheet: "Mail" is a smtp connection; "leads_sheet" needs google.',
    );
    const gone = await refusal(engine, 'files:import', {
      text: fixture(SHEET_FILE),
      bindings: { leads_sheet: 'conn_gone' },
    });
    expect(gone.code).toBe('not_found');
    const stray = await refusal(engine, 'files:import', {
      text: fixture(SHEET_FILE),
      bindings: { crm: null },
    });
    expect(stray.message).toBe('bindings.crm: the file has no connection named "crm".');
    expect(storedState(engine)).toBe(before);
  });

  it('on an id clash asks for a choice, then replaces, keeps both or skips', async () => {
    const { engine } = world();
    const text = fixture(SHEET_FILE);
    await call(engine, 'files:import', { text });
    await call(engine, 'workflows:enable', { id: 'sheet_rows_to_debug' });

    const before = storedState(engine);
    const clash = await refusal(engine, 'files:import', { text });
    expect(clash).toMatchObject({
      code: 'conflict',
      details: { clashes: ['sheet_rows_to_debug'] },
    });
    expect(clash.message).toBe(
      'A workflow with id "sheet_rows_to_debug" ("New sheet rows, recorded") is already here: choose replace, keep both or skip.',
    );
    expect(storedState(engine)).toBe(before);
    const preview = await call<ImportPreview>(engine, 'files:preview', { text });
    expect(preview.workflows[0]!.existing).toEqual({
      name: 'New sheet rows, recorded',
      state: 'active',
    });

    const skipped = await call<ImportResult>(engine, 'files:import', {
      text,
      onClash: { sheet_rows_to_debug: 'skip' },
    });
    expect(skipped.imported).toEqual([]);
    expect(skipped.skipped).toEqual([
      { id: 'sheet_rows_to_debug', name: 'New sheet rows, recorded' },
    ]);

    const both = await call<ImportResult>(engine, 'files:import', {
      text,
      onClash: { sheet_rows_to_debug: 'keep_both' },
    });
    expect(both.imported[0]).toMatchObject({
      name: 'New sheet rows, recorded (imported)',
      action: 'kept_both',
    });
    expect(both.imported[0]!.id).not.toBe('sheet_rows_to_debug');
    expect(engine.repos.workflows.get('sheet_rows_to_debug')!.state).toBe('active');

    const replaced = await call<ImportResult>(engine, 'files:import', {
      text: text.replace('New sheet rows, recorded', 'Renamed in the file'),
      onClash: { sheet_rows_to_debug: 'replace' },
    });
    expect(replaced.imported[0]).toMatchObject({ id: 'sheet_rows_to_debug', action: 'replaced' });
    const stored = engine.repos.workflows.get('sheet_rows_to_debug')!;
    expect(stored).toMatchObject({ name: 'Renamed in the file', state: 'disabled', version: 2 });
    expect(engine.repos.workflows.versions('sheet_rows_to_debug')).toHaveLength(2);
  });

  it('imports a bundle in one transaction: one bad workflow and none is stored', async () => {
    const { engine } = world();
    const one = JSON.parse(fixture(SHEET_FILE)) as Record<string, unknown>;
    const two = JSON.parse(fixture('manual-debug.switchyard.json')) as Record<string, unknown>;
    const bundle = (second: unknown) =>
      JSON.stringify({ schema: 1, workflows: [one, second] }, null, 2);
    const before = storedState(engine);
    const bad = { ...two, steps: [{ ...(two.steps as object[])[0], operation: 'nope' }] };
    const error = await refusal(engine, 'files:import', { text: bundle(bad) });
    expect(error.code).toBe('invalid_file');
    expect(error.message).toMatch(/^\$\.workflows\[1\]\.steps\[0\]\.operation \(node "record"\): /);
    expect(storedState(engine)).toBe(before);

    const result = await call<ImportResult>(engine, 'files:import', { text: bundle(two) });
    expect(result.imported.map((w) => w.id)).toEqual(['sheet_rows_to_debug', 'manual_debug']);
    const exported = await call<ExportResult>(engine, 'files:export', {
      ids: ['sheet_rows_to_debug', 'manual_debug'],
    });
    expect(exported.files.map((f) => f.fileName)).toEqual(['workflows.switchyard.json']);
    const each = await call<ExportResult>(engine, 'files:export', { ids: 'all', layout: 'each' });
    expect(each.files.map((f) => f.text).sort()).toEqual(
      [fixture(SHEET_FILE), fixture('manual-debug.switchyard.json')].sort(),
    );
  });

  it('refuses a newer schema, a broken file and a too-large one with their own codes', async () => {
    const { engine } = world();
    const before = storedState(engine);
    const newer = await refusal(engine, 'files:import', {
      text: fixture(SHEET_FILE).replace('"schema": 1', '"schema": 9'),
    });
    expect(newer.code).toBe('file_newer_schema');
    const broken = await refusal(engine, 'files:import', {
      text: fixture(SHEET_FILE).slice(0, 99),
    });
    expect(broken).toMatchObject({ code: 'invalid_file' });
    expect(broken.message).toMatch(/^The file is not valid JSON/);
    const big = await refusal(engine, 'files:preview', { text: ' '.repeat(5 * 1024 * 1024 + 1) });
    expect(big.code).toBe('file_too_large');
    expect(storedState(engine)).toBe(before);
  });

  it.each(readdirSync(fixtures).filter((f) => f.endsWith('.switchyard.json')))(
    '%s: import → export → import → export is byte-identical, in canonical form',
    async (name) => {
      // Every alias bound to an account of its kind on each machine, as the wizard would.
      const importBound = async (engine: EngineInternals, text: string) => {
        const preview = await call<ImportPreview>(engine, 'files:preview', { text });
        const bindings = Object.fromEntries(
          preview.connections.map((need) => [
            need.alias,
            engine.repos.connections.create(
              { kind: need.kind, name: `A ${need.kind}`, secret: { token: 't' } },
              new Date(),
            ).id,
          ]),
        );
        await call(engine, 'files:import', { text, bindings });
      };
      const engine = openEngine(tempDir());
      await importBound(engine, fixture(name));
      const [first] = (await call<ExportResult>(engine, 'files:export', { ids: 'all' })).files;
      const again = openEngine(tempDir());
      await importBound(again, first!.text);
      const [second] = (await call<ExportResult>(again, 'files:export', { ids: 'all' })).files;
      expect(second!.text).toBe(first!.text);
      // Whatever form the fixture was written in, export writes the canonical one.
      const read = readWorkflowFile(fixture(name));
      expect(read.ok && serializeWorkflowFile(read.workflows[0]!)).toBe(first!.text);
      expect(first!.text).not.toContain('\r');
      if (name.startsWith('shuffled')) expect(fixture(name)).not.toBe(first!.text);
      else expect(fixture(name)).toBe(first!.text);
    },
  );
});
