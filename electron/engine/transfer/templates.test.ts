import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descriptors } from '@shared/connectors/registry';
import type { ExportResult, ImportPreview, ImportResult } from '@shared/transfer/schemas';
import { checkWorkflowFiles, readWorkflowFile, serializeWorkflowFile } from '@shared/workflow/file';
import { validateWorkflow } from '@shared/workflow/validate';
import { useEngines } from '../../../test/support/engine';
import { useTempDir } from '../../../test/support/temp-dir';
import type { EngineInternals } from '../index';

const dir = join(import.meta.dirname, '../../../resources/templates');
const templates = readdirSync(dir).filter((f) => f.endsWith('.switchyard.json'));
const text = (name: string) => readFileSync(join(dir, name), 'utf8');

/** What the operator must still choose after creating from a template (the spreadsheet). */
const LEFT_TO_CHOOSE = new Set(['config.spreadsheetId']);

async function call<T>(engine: EngineInternals, channel: string, input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('the template gallery', () => {
  const tempDir = useTempDir('switchyard-templates-');
  const openEngine = useEngines();

  it('ships the six templates of the seeds', () => {
    expect(templates.sort()).toEqual([
      'calendar-event-signed-webhook.switchyard.json',
      'daily-fetch-to-sheet.switchyard.json',
      'form-to-sheet-and-webhook.switchyard.json',
      'sheet-row-to-crm-lead.switchyard.json',
      'sheet-row-welcome-email.switchyard.json',
      'webhook-upsert-sheet-row.switchyard.json',
    ]);
  });

  it.each(templates)('%s is canonical and valid against the real connector descriptors', (name) => {
    const read = readWorkflowFile(text(name), { fileName: name });
    if (!read.ok) throw new Error(read.message);
    const [workflow] = read.workflows;
    expect(serializeWorkflowFile(workflow!)).toBe(text(name));
    expect(
      checkWorkflowFiles(read.workflows, { kind: 'workflow', fileName: name, lookup: descriptors }),
    ).toEqual([]);
    const problems = validateWorkflow(workflow!, descriptors);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    for (const problem of problems.filter((p) => p.severity === 'incomplete')) {
      expect(LEFT_TO_CHOOSE, `${problem.nodeId} ${problem.field}: ${problem.message}`).toContain(
        problem.field,
      );
    }
  });

  it.each(templates)(
    '%s: created through the importer with every account bound, exports the same bytes',
    async (name) => {
      const engine = openEngine(tempDir());
      const preview = await call<ImportPreview>(engine, 'files:preview', { text: text(name) });
      expect(preview.problems).toEqual([]);
      const bindings: Record<string, string> = {};
      for (const need of preview.connections) {
        // The template's kind must be one its nodes accept, or no account could ever be bound.
        expect(need.accepts).toContain(need.kind);
        bindings[need.alias] = engine.repos.connections.create(
          { kind: need.kind, name: `My ${need.kind}`, secret: { token: 'not-exported' } },
          new Date(),
        ).id;
      }
      const result = await call<ImportResult>(engine, 'files:import', {
        text: text(name),
        bindings,
      });
      expect(result.unbound).toEqual([]);
      const [file] = (await call<ExportResult>(engine, 'files:export', { ids: 'all' })).files;
      expect(file!.text).toBe(text(name));
    },
  );
});
