import { describe, expect, it } from 'vitest';
import type { RunDetail, RunPage, WorkflowStats } from '@shared/runs';
import type { Workflow } from '@shared/workflow/schema';
import { probeStep } from '../../../test/support/probe-connector';
import { call, callError, useRunHarness } from '../../../test/support/run-harness';
import { chain, debugStep, manualTrigger, mappingStep } from '../../../test/support/workflows';

const setUp = useRunHarness();

describe('test runs', () => {
  it('runs on the sample without moving cursors, and a dry run only describes side effects', async () => {
    const { engine, probe, save } = setUp();
    const id = await save(
      chain(manualTrigger({ email: 'sample@x.io' }), [probeStep('send', '{{trigger.email}}')]),
      false,
    );
    const dry = await call<RunDetail>(engine, 'workflows:test', { id });
    expect(dry).toMatchObject({ state: 'succeeded', test: true, dryRun: true });
    expect(dry.steps[0]).toMatchObject({
      state: 'dry_run',
      output: { dryRun: true, wouldSend: { payload: 'sample@x.io' } },
    });
    expect(probe.deliveries).toHaveLength(0);

    const real = await call<RunDetail>(engine, 'workflows:test', {
      id,
      item: { email: 'typed@x.io' },
      dryRun: false,
    });
    expect(real.state).toBe('succeeded');
    expect(probe.deliveries.map((d) => d.payload)).toEqual(['typed@x.io']);
    for (const table of ['trigger_ledger', 'dedupe_keys', 'trigger_state']) {
      expect(engine.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });

  it('fetches a sample through a polling trigger, without moving its cursor', async () => {
    const { engine, save } = setUp();
    const trigger = { ...manualTrigger(), connector: 'probe', operation: 'rows' };
    const id = await save(chain(trigger, [probeStep('send', '{{trigger.email}}')]), false);
    const run = await call<RunDetail>(engine, 'workflows:test', { id });
    expect(run.triggerData).toEqual({ email: 'fetched@x.io' });
    expect(run.triggerItemId).toBe('test-row-7');
    expect(run.steps[0]!.output).toMatchObject({ wouldSend: { payload: 'fetched@x.io' } });
    expect(engine.db.prepare('SELECT count(*) FROM trigger_state').pluck().get()).toBe(0);
  });

  it('does not retry a test run: it shows the error at once', async () => {
    const { engine, probe, save } = setUp();
    const id = await save(chain(manualTrigger({ a: 1 }), [probeStep('send', 'x')]), false);
    probe.failNext(probe.error('server_error', 'upstream 502'));
    const run = await call<RunDetail>(engine, 'workflows:test', { id, dryRun: false });
    expect(run.state).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'server_error',
      message: 'upstream 502',
      step: 'send',
    });
  });
});

describe('the workflow lifecycle', () => {
  it('refuses to enable an incomplete workflow, naming the step and field', async () => {
    const { engine, save } = setUp();
    const id = await save(
      chain(manualTrigger(), [debugStep('record', { failTimes: 'often' })]),
      false,
    );
    const error = await callError(engine, 'workflows:enable', { id });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/cannot be enabled: step "record", config\.failTimes/);
    expect((await call<Workflow>(engine, 'workflows:get', { id })).state).toBe('draft');
  });

  it('runs an active workflow by hand and stops taking runs when disabled', async () => {
    const { engine, probe, save, drain } = setUp();
    const id = await save(
      chain(manualTrigger({ email: 'a@x.io' }), [probeStep('send', '{{trigger.email}}')]),
    );
    const { runId } = await call<{ runId: number }>(engine, 'workflows:run', { id });
    await drain();
    expect(probe.deliveries.map((d) => d.payload)).toEqual(['a@x.io']);
    await call(engine, 'workflows:disable', { id });
    const error = await callError(engine, 'workflows:run', { id });
    expect(error.message).toMatch(/is disabled\. Enable it first/);
    expect(runId).toBeGreaterThan(0);
  });

  it('waits at a delay step and continues when its time comes', async () => {
    const { clock, save, accept, drain, run } = setUp();
    const id = await save(
      chain(manualTrigger(), [
        { id: 'wait', type: 'delay', position: { x: 0, y: 0 }, delay: { seconds: 600 } },
        probeStep('send', 'later'),
      ]),
    );
    const [runId] = accept(id, { id: 'a', data: {} }).runIds;
    await drain();
    const waiting = await run(runId!);
    expect(waiting.state).toBe('queued');
    expect(Date.parse(waiting.dueAt!) - clock.ms).toBe(600_000);
    expect(waiting.steps.map((s) => s.state)).toEqual(['waiting']);
    clock.advance(600_000);
    await drain();
    expect((await run(runId!)).steps.map((s) => [s.stepId, s.state])).toEqual([
      ['wait', 'waiting'],
      ['wait', 'succeeded'],
      ['send', 'succeeded'],
    ]);
  });

  it('fails a mapping with the problems of each field, not retried', async () => {
    const { save, accept, drain, run } = setUp();
    const id = await save(
      chain(manualTrigger(), [
        mappingStep('map', [
          {
            target: 'email',
            source: { kind: 'path', path: 'trigger.email' },
            required: true,
            transforms: [],
          },
          {
            target: 'phone',
            source: { kind: 'path', path: 'trigger.phone' },
            transforms: [{ op: 'phone_e164', defaultCountry: 'GB' }],
          },
        ]),
      ]),
    );
    const [runId] = accept(id, { id: 'a', data: { phone: 'not a phone' } }).runIds;
    await drain();
    const failed = await run(runId!);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('invalid_input');
    expect(failed.error?.message).toMatch(/email/);
    expect(failed.error?.message).toMatch(/phone/);
  });
});

describe('run logs', () => {
  it('never write a secret: not from trigger data, headers, inputs, outputs or errors', async () => {
    const { engine, probe, save, accept, drain } = setUp();
    const secret = 'sk_live_51HxQ2eZvKYlo2C0aIiXyZ';
    engine.redactor.addSecret(secret); // as the vault does for every secret it unseals
    const id = await save(
      chain(manualTrigger(), [
        probeStep('send', {
          note: 'key {{trigger.body.key}}',
          auth: '{{trigger.headers.authorization}}',
        }),
        debugStep('record', { record: { password: 'hunter2-hunter2', echo: '{{trigger.body}}' } }),
      ]),
    );
    accept(id, {
      id: 'a',
      data: {
        headers: { authorization: `Bearer ${secret}` },
        body: { key: secret, plain: 'visible' },
      },
    });
    probe.failNext(probe.error('invalid_input', `the service said: bad key ${secret}`));
    await drain();
    await call(engine, 'runs:replay', { filter: { workflowId: id }, from: 'failed_step' });
    await drain();
    const everything = JSON.stringify([
      engine.db.prepare('SELECT * FROM runs').all(),
      engine.db.prepare('SELECT * FROM run_steps').all(),
      engine.db.prepare('SELECT * FROM trigger_ledger').all(),
    ]);
    expect(everything).toContain('visible');
    expect(everything).toContain('[REDACTED]');
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('hunter2-hunter2');
  });

  it('truncate a large payload in the log with a marker but keep it whole for later steps', async () => {
    const { engine, save, accept, drain, run } = setUp();
    const big = 'x'.repeat(200_000);
    const id = await save(
      chain(manualTrigger(), [
        debugStep('first', { record: '{{trigger.big}}' }),
        probeStep('next', '{{first.received}}'),
      ]),
    );
    const [runId] = accept(id, { id: 'a', data: { big } }).runIds;
    await drain();
    const detail = await run(runId!);
    expect(detail.state).toBe('succeeded');
    expect(JSON.stringify(detail.steps[0]!.output)).toContain('__truncated');
    expect(JSON.stringify(detail.steps[0]!.output).length).toBeLessThan(70_000);
    expect(
      engine.db
        .prepare(`SELECT length(output_data) FROM run_steps WHERE step_id = 'first'`)
        .pluck()
        .get(),
    ).toBeGreaterThan(200_000);
    expect((await call<RunDetail>(engine, 'runs:get', { id: runId })).steps[1]!.state).toBe(
      'succeeded',
    );
  });
});

describe('listing and statistics', () => {
  it('pages runs newest first and filters by state, text and workflow', async () => {
    const { engine, probe, save, accept, drain } = setUp();
    const id = await save(chain(manualTrigger(), [probeStep('send', 'x')]));
    for (let i = 0; i < 5; i++) accept(id, { id: `i${i}`, data: { email: `user${i}@x.io` } });
    probe.failNext(probe.error('invalid_input'));
    await drain();
    const first = await call<RunPage>(engine, 'runs:list', { limit: 2 });
    expect(first.runs.map((r) => r.triggerItemId)).toEqual(['i4', 'i3']);
    const second = await call<RunPage>(engine, 'runs:list', { limit: 2, before: first.nextCursor });
    expect(second.runs.map((r) => r.triggerItemId)).toEqual(['i2', 'i1']);
    expect(
      (await call<RunPage>(engine, 'runs:list', { states: ['failed'] })).runs.map(
        (r) => r.triggerItemId,
      ),
    ).toEqual(['i0']);
    expect(
      (await call<RunPage>(engine, 'runs:list', { text: 'user3@' })).runs.map(
        (r) => r.triggerItemId,
      ),
    ).toEqual(['i3']);
    expect((await call<RunPage>(engine, 'runs:list', { workflowId: 'wf_none' })).runs).toEqual([]);
    const bad = await callError(engine, 'runs:list', { states: ['exploded'] });
    expect(bad.code).toBe('invalid_input');
  });

  it('reports success rate, durations, queue depth and the last error', async () => {
    const { engine, probe, clock, save, accept, drain } = setUp();
    const id = await save(chain(manualTrigger(), [probeStep('send', 'x')]));
    accept(id, { id: 'a', data: {} }, { id: 'b', data: {} }, { id: 'c', data: {} });
    probe.failNext(null, null, probe.error('forbidden', 'no access to the list'));
    await drain();
    accept(id, { id: 'd', data: {} });
    clock.advance(1000);
    const stats = await call<WorkflowStats>(engine, 'stats:workflow', { id, range: '24h' });
    expect(stats.byState).toMatchObject({ succeeded: 2, failed: 1, queued: 1 });
    expect(stats.successRate).toBeCloseTo(2 / 3);
    expect(stats.queueDepth).toBe(1);
    expect(stats.lastError).toMatchObject({
      code: 'forbidden',
      message: 'no access to the list',
      step: 'send',
    });
    expect(stats.series).toHaveLength(25);
    expect(stats.series.reduce((n, b) => n + b.succeeded, 0)).toBe(2);
    const overview = await call<{ workflowsByState: Record<string, number> }>(
      engine,
      'stats:overview',
      {},
    );
    expect(overview.workflowsByState.active).toBe(1);
  });
});

describe('counting runs and reading the audit log', () => {
  it('counts what a filter matches and lists changes newest first, paged', async () => {
    const { engine, probe, save, accept, drain } = setUp();
    const id = await save(chain(manualTrigger(), [probeStep('send', 'x')]));
    probe.failNext(probe.error('invalid_input'), probe.error('invalid_input'));
    accept(id, { id: 'a', data: {} }, { id: 'b', data: {} }, { id: 'c', data: {} });
    await drain();
    expect(await call(engine, 'runs:count', { workflowId: id, states: ['failed'] })).toEqual({
      count: 2,
    });
    const first = await call<{ entries: { channel: string }[]; nextCursor: number | null }>(
      engine,
      'audit:list',
      { limit: 1 },
    );
    expect(first.entries.map((e) => e.channel)).toEqual(['workflows:enable']);
    const rest = await call<{ entries: { channel: string }[] }>(engine, 'audit:list', {
      before: first.nextCursor,
      domain: 'workflows',
    });
    expect(rest.entries.map((e) => e.channel)).toEqual(['workflows:save']);
  });
});
