import { describe, expect, it } from 'vitest';
import { readWorkflowFile, serializeWorkflowFile } from '@shared/workflow/file';
import { WorkflowDefinition } from '@shared/workflow/schema';
import { useEngines } from '../../../test/support/engine';
import { useTempDir } from '../../../test/support/temp-dir';
import { silentLogger } from '../types';
import { exportWorkflows, exportedText } from './export';

const TOKEN = 'ya29.planted-access-token-9f8e7d';
const REFRESH = 'planted-refresh-token-1a2b3c';
const WEBHOOK_SECRET = 'whsec_planted_webhook_secret_55';
const PASSWORD = 'planted-smtp-password-77';
const ACCOUNT = 'operator.planted@example.com';

describe('exporting workflows', () => {
  const tempDir = useTempDir('switchyard-export-');
  const openEngine = useEngines();

  function world() {
    const engine = openEngine(tempDir());
    const { workflows, connections } = engine.repos;
    const now = new Date('2026-12-01T10:00:00Z');
    const google = connections.create(
      {
        kind: 'google_sheets',
        name: 'Work',
        account: ACCOUNT,
        secret: { accessToken: TOKEN, refreshToken: REFRESH },
      },
      now,
    );
    const smtp = connections.create(
      { kind: 'smtp', name: 'Mail', secret: { password: PASSWORD } },
      now,
    );
    const saved = workflows.save(
      {
        name: 'Planted',
        description: 'has secrets everywhere it should not',
        definition: WorkflowDefinition.parse({
          trigger: {
            id: 'trigger',
            type: 'trigger',
            connector: 'manual',
            operation: 'start',
            connection: google.id,
            position: { x: 0, y: 0 },
            config: {
              sample: { email: 'a@example.com' },
              secret: WEBHOOK_SECRET,
              signingSecret: WEBHOOK_SECRET,
            },
          },
          steps: [
            {
              id: 'send',
              type: 'action',
              connector: 'debug',
              operation: 'record',
              connection: smtp.id,
              position: { x: 0, y: 100 },
              config: {
                record: {
                  url: `https://api.example.com/leads?access_token=${TOKEN}`,
                  headers: { Authorization: `Bearer ${TOKEN}`, 'X-Api-Key': 'k-12345678' },
                  note: `password is ${PASSWORD}`,
                  keep: 'an ordinary value',
                },
              },
            },
          ],
          edges: [{ id: 'e', source: 'trigger', target: 'send' }],
        }),
      },
      now,
    );
    workflows.setState(saved.id, 'active');
    return { engine, saved, google, smtp };
  }

  it('never writes a planted token, password, webhook secret, account e-mail or machine state', () => {
    const { engine, google, smtp } = world();
    const { files, stripped } = exportWorkflows({ ...engine.repos, logger: silentLogger }, 'all');
    const text = exportedText(files);
    for (const planted of [
      TOKEN,
      REFRESH,
      WEBHOOK_SECRET,
      PASSWORD,
      ACCOUNT,
      'k-12345678',
      google.id,
      smtp.id,
    ]) {
      expect(text).not.toContain(planted);
    }
    // `enabled` of the workflow is machine state; settings.dedupe.enabled is policy and travels.
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'schema',
      'id',
      'name',
      'description',
      'trigger',
      'steps',
      'edges',
      'settings',
      'connections',
    ]);
    expect(text).not.toMatch(/"(state|version|createdAt|updatedAt|cursor|runCount)"/);
    expect(text).toContain('an ordinary value');
    expect(stripped.map((s) => `${s.nodeId} ${s.field} ${s.reason}`).sort()).toEqual([
      'send config.record.headers.Authorization secret_field',
      'send config.record.headers.X-Api-Key secret_field',
      'send config.record.note holds_secret_value',
      'send config.record.url holds_secret_value',
      'trigger config.secret secret_field',
      'trigger config.signingSecret secret_field',
    ]);
  });

  it('names connections only by kind, under aliases the nodes use', () => {
    const { engine } = world();
    const [file] = exportWorkflows({ ...engine.repos, logger: silentLogger }, 'all').files;
    expect(file!.connections).toEqual({
      google_sheets: { kind: 'google_sheets' },
      smtp: { kind: 'smtp' },
    });
    expect(file!.trigger!.connection).toBe('google_sheets');
    expect((file!.steps[0] as { connection: string }).connection).toBe('smtp');
  });

  it('writes a file that reads back and exports to the same bytes', () => {
    const { engine } = world();
    const text = exportedText(
      exportWorkflows({ ...engine.repos, logger: silentLogger }, 'all').files,
    );
    const read = readWorkflowFile(text);
    expect(read.ok).toBe(true);
    expect(read.ok && serializeWorkflowFile(read.workflows[0]!)).toBe(text);
  });

  it('refuses an id that does not exist, naming it', () => {
    const { engine } = world();
    expect(() =>
      exportWorkflows({ ...engine.repos, logger: silentLogger }, ['wf_missing']),
    ).toThrow('Workflow wf_missing does not exist, so it cannot be exported.');
  });
});
