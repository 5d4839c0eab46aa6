import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '@shared/events';
import { CHANNEL_NAMES } from '@shared/ipc/channels';
import { CHANNELS } from '@shared/ipc/contract';
import type { Workflow, WorkflowSummary } from '@shared/workflow/schema';
import { migrations } from '../db/migrations';
import { call } from '../../../test/support/run-harness';
import { useEngines } from '../../../test/support/engine';
import { useTempDir } from '../../../test/support/temp-dir';

const tempDir = useTempDir();
const openEngine = useEngines();

const definition = {
  trigger: {
    id: 'trigger',
    type: 'trigger',
    connector: 'manual',
    operation: 'start',
    position: { x: 0, y: 0 },
    config: {},
  },
  steps: [
    {
      id: 'lookup',
      type: 'action',
      connector: 'debug',
      operation: 'record',
      position: { x: 200, y: 0 },
      config: { record: 'hi' },
    },
  ],
  edges: [{ id: 'e1', source: 'trigger', target: 'lookup' }],
};

describe('the contract', () => {
  it('lists the same channels in the preload list as in the contract', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
  });

  it('names every channel domain:verb', () => {
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z]+$/);
  });
});

describe('engine.invoke', () => {
  it('creates, lists, gets, renames and deletes a workflow', async () => {
    const engine = openEngine(tempDir());
    const created = await call<Workflow>(engine, 'workflows:save', {
      name: '  Lead capture  ',
      definition,
    });
    expect(created).toMatchObject({ name: 'Lead capture', version: 1, state: 'draft' });
    expect(created.id).toMatch(/^wf_/);

    const list = await call<WorkflowSummary[]>(engine, 'workflows:list', {});
    expect(list).toEqual([
      expect.objectContaining({ id: created.id, name: 'Lead capture', stepCount: 2 }),
    ]);

    const renamed = await call<Workflow>(engine, 'workflows:save', {
      id: created.id,
      name: 'Leads',
    });
    expect(renamed).toMatchObject({ name: 'Leads', version: 2, definition });

    await call(engine, 'workflows:delete', { id: created.id });
    const gone = await engine.invoke('workflows:get', { id: created.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps every previous version of a workflow in workflow_versions', async () => {
    const engine = openEngine(tempDir());
    const v1 = await call<Workflow>(engine, 'workflows:save', { name: 'One' });
    await call(engine, 'workflows:save', { id: v1.id, name: 'Two', definition });
    await call(engine, 'workflows:save', { id: v1.id, name: 'Three' });
    const versions = engine.db
      .prepare('SELECT version, name FROM workflow_versions WHERE workflow_id = ? ORDER BY version')
      .all(v1.id);
    expect(versions).toEqual([
      { version: 1, name: 'One' },
      { version: 2, name: 'Two' },
    ]);
  });

  it('lists saved versions and restores one as a new version, losing nothing', async () => {
    const engine = openEngine(tempDir());
    const v1 = await call<Workflow>(engine, 'workflows:save', { name: 'One', definition });
    await call(engine, 'workflows:save', {
      id: v1.id,
      name: 'One',
      definition: { ...definition, steps: [], edges: [] },
    });
    const versions = await call<{ version: number; stepCount: number; current: boolean }[]>(
      engine,
      'workflows:versions',
      { id: v1.id },
    );
    expect(versions.map((v) => [v.version, v.stepCount, v.current])).toEqual([
      [2, 1, true],
      [1, 2, false],
    ]);
    const restored = await call<Workflow>(engine, 'workflows:restore', { id: v1.id, version: 1 });
    expect(restored.version).toBe(3);
    expect(restored.definition.steps.map((s) => s.id)).toEqual(['lookup']);
    const missing = await engine.invoke('workflows:restore', { id: v1.id, version: 9 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a save over a version someone else saved meanwhile', async () => {
    const engine = openEngine(tempDir());
    const v1 = await call<Workflow>(engine, 'workflows:save', { name: 'One' });
    await call(engine, 'workflows:save', { id: v1.id, name: 'Elsewhere', expectedVersion: 1 });
    const stale = await engine.invoke('workflows:save', {
      id: v1.id,
      name: 'Mine',
      expectedVersion: 1,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call<Workflow>(engine, 'workflows:get', { id: v1.id })).toMatchObject({
      name: 'Elsewhere',
    });
  });

  it.each([
    ['an unknown channel', 'workflows:explode', {}, 'unknown_channel'],
    ['a missing name', 'workflows:save', {}, 'invalid_input'],
    ['an empty name', 'workflows:save', { name: '   ' }, 'invalid_input'],
    ['an extra field', 'workflows:list', { sneaky: true }, 'invalid_input'],
    ['a string instead of an object', 'workflows:get', 'wf_1', 'invalid_input'],
    ['an id with a path in it', 'workflows:get', { id: '../../etc/passwd' }, 'invalid_input'],
    [
      'an edge to a missing node',
      'workflows:save',
      {
        name: 'x',
        definition: { ...definition, edges: [{ id: 'e', source: 'trigger', target: 'nope' }] },
      },
      'invalid_input',
    ],
    ['an unknown setting', 'settings:set', { colour: 'red' }, 'invalid_input'],
    [
      'a public URL that is not http(s)',
      'settings:set',
      { publicBaseUrl: 'javascript:alert(1)' },
      'invalid_input',
    ],
  ])('answers %s with a typed error, never a throw', async (_what, channel, input, code) => {
    const engine = openEngine(tempDir());
    const result = await engine.invoke(channel, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) {
      expect(result.error.message).not.toMatch(/at .*\.ts:\d+/); // no stack traces
      expect(result.error.message.length).toBeGreaterThan(10);
    }
  });

  it('refuses to save a workflow that could never run, naming the step and field', async () => {
    const engine = openEngine(tempDir());
    const result = await engine.invoke('workflows:save', {
      name: 'Broken',
      definition: {
        ...definition,
        steps: [{ ...definition.steps[0], config: { record: '{{ghost.email}}' } }],
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) {
      expect(result.error.message).toBe(
        '"Broken" cannot be saved: step "lookup", config.record: {{ghost.email}} refers to "ghost", which is not a node of this workflow.',
      );
    }
    expect(await call(engine, 'workflows:list', {})).toEqual([]);
  });

  it('names the field and the problem in a validation error', async () => {
    const engine = openEngine(tempDir());
    const result = await engine.invoke('workflows:save', {
      name: 'ok',
      definition: { ...definition, steps: [{ ...definition.steps[0], id: '1bad' }] },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) {
      expect(result.error.message).toContain('definition.steps.0.id');
      expect(result.error.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: ['definition', 'steps', '0', 'id'] }),
        ]),
      );
    }
  });

  it('records every mutating call in the audit log, and no reads', async () => {
    const engine = openEngine(tempDir());
    const wf = await call<Workflow>(engine, 'workflows:save', { name: 'Audited' });
    await call(engine, 'workflows:list', {});
    await call(engine, 'settings:set', { theme: 'dark' });
    await call(engine, 'workflows:delete', { id: wf.id });
    await engine.invoke('workflows:delete', { id: wf.id }); // fails: not audited
    const audit = engine.repos.audit.recent().reverse();
    expect(audit.map((a) => [a.channel, a.target, a.detail.action])).toEqual([
      ['workflows:save', wf.id, 'created'],
      ['settings:set', null, 'changed'],
      ['workflows:delete', wf.id, 'deleted'],
    ]);
    expect(audit[1]!.detail).toEqual({ action: 'changed', keys: ['theme'] });
  });

  it('never puts a secret in the audit log when a connection is deleted', async () => {
    const engine = openEngine(tempDir());
    const conn = engine.repos.connections.create(
      { kind: 'google', name: 'Work', secret: { token: 'tok-SECRET-123' } },
      new Date(),
    );
    await call(engine, 'connections:delete', { id: conn.id });
    const rows = JSON.stringify(engine.db.prepare('SELECT * FROM audit_log').all());
    expect(rows).toContain(conn.id);
    expect(rows).not.toContain('tok-SECRET-123');
    expect(rows).not.toContain('sy1.');
  });

  it('returns settings with defaults and keeps what was set', async () => {
    const dir = tempDir();
    const engine = openEngine(dir);
    expect(await call(engine, 'settings:get', {})).toEqual({
      theme: 'system',
      serverPort: null,
      publicBaseUrl: null,
      runRetentionDays: 90,
      runStorageCapMb: 2048,
      runsAtOnce: 8,
    });
    await call(engine, 'settings:set', { publicBaseUrl: 'https://hooks.example.com' });
    engine.close();
    expect(await call(openEngine(dir), 'settings:get', {})).toMatchObject({
      publicBaseUrl: 'https://hooks.example.com',
    });
  });

  it.each([
    [0, 'Invalid input for settings:set: runsAtOnce must be at least 1'],
    [17, 'Invalid input for settings:set: runsAtOnce must be at most 16'],
    [2.5, 'Invalid input for settings:set: runsAtOnce must be a whole number from 1 to 16'],
    ['4', 'Invalid input for settings:set: runsAtOnce must be a whole number from 1 to 16'],
  ])('refuses Runs at once = %j, naming the field, and keeps the old value', async (bad, text) => {
    const engine = openEngine(tempDir());
    await call(engine, 'settings:set', { runsAtOnce: 3 });
    const result = await engine.invoke('settings:set', { runsAtOnce: bad });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) {
      expect(result.error.message).toContain(text);
      expect(result.error.details).toEqual([expect.objectContaining({ path: ['runsAtOnce'] })]);
    }
    expect(await call(engine, 'settings:get', {})).toMatchObject({ runsAtOnce: 3 });
  });

  it('keeps Runs at once from 1 to 16', async () => {
    const dir = tempDir();
    const engine = openEngine(dir);
    for (const n of [1, 16]) {
      expect(await call(engine, 'settings:set', { runsAtOnce: n })).toMatchObject({
        runsAtOnce: n,
      });
    }
    engine.close();
    expect(await call(openEngine(dir), 'settings:get', {})).toMatchObject({ runsAtOnce: 16 });
  });

  it('falls back to the default for one damaged stored setting without losing the others', async () => {
    const engine = openEngine(tempDir());
    await call(engine, 'settings:set', { theme: 'dark', publicBaseUrl: 'https://a.example' });
    engine.db.prepare("UPDATE settings SET value = '{not json' WHERE key = 'theme'").run();
    expect(await call(engine, 'settings:get', {})).toMatchObject({
      theme: 'system',
      publicBaseUrl: 'https://a.example',
    });
  });

  it('emits events for changes', async () => {
    const engine = openEngine(tempDir());
    const seen: EngineEvent[] = [];
    engine.onEvent((e) => seen.push(e));
    const wf = await call<Workflow>(engine, 'workflows:save', { name: 'Evented' });
    await call(engine, 'workflows:delete', { id: wf.id });
    expect(seen).toEqual([
      { type: 'workflow.saved', id: wf.id, version: 1 },
      { type: 'workflow.deleted', id: wf.id },
    ]);
  });

  it('reports app info without secrets', async () => {
    const dir = tempDir();
    const info = await call<Record<string, unknown>>(openEngine(dir), 'app:info', {});
    expect(info).toMatchObject({
      name: 'Switchyard',
      dataDir: dir,
      schemaVersion: migrations.at(-1)!.id,
      keyring: 'keyfile',
    });
  });
});

describe('createEngine', () => {
  it('refuses a second engine on the same data directory', () => {
    const dir = tempDir();
    openEngine(dir);
    expect(() => openEngine(dir)).toThrow(/Another Switchyard engine/);
  });

  it('opens the directory again once the first engine closed', () => {
    const dir = tempDir();
    openEngine(dir).close();
    expect(() => openEngine(dir)).not.toThrow();
  });
});
