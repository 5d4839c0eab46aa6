import { describe, expect, it } from 'vitest';
import type { Workflow } from '@shared/workflow/schema';
import { probeStep } from '../../../test/support/probe-connector';
import { call, useRunHarness } from '../../../test/support/run-harness';
import {
  chain,
  debugStep,
  filterStep,
  manualTrigger,
  mappingStep,
} from '../../../test/support/workflows';

const setUp = useRunHarness();

const twoSends = (settings = {}) =>
  chain(
    manualTrigger(),
    [probeStep('first', '{{trigger.email}}'), probeStep('second', '{{trigger.email}}')],
    settings,
  );

describe('runs', () => {
  it('queues a run with its ledger row and the new cursor in one transaction', async () => {
    const { engine, save } = setUp();
    const id = await save(twoSends());
    const accepted = engine.workflowEngine.queue.accept({
      workflowId: id,
      items: [{ id: 'row-2', data: { email: 'a@x.io' } }],
      ledger: [{ itemId: 'row-1', outcome: 'baseline', reason: 'Existed before the first poll.' }],
      cursor: { value: { lastRow: 2 } },
    });
    expect(accepted.runIds).toHaveLength(1);
    const ledger = engine.db
      .prepare('SELECT item_id, outcome, run_id FROM trigger_ledger ORDER BY id')
      .all();
    expect(ledger).toEqual([
      { item_id: 'row-2', outcome: 'fired', run_id: accepted.runIds[0] },
      { item_id: 'row-1', outcome: 'baseline', run_id: null },
    ]);
    expect(engine.db.prepare('SELECT cursor FROM trigger_state').pluck().get()).toBe(
      '{"lastRow":2}',
    );

    // An item that cannot be stored aborts the whole batch: no run, no ledger row, no cursor move.
    expect(() =>
      engine.workflowEngine.queue.accept({
        workflowId: id,
        items: [
          { id: 'row-3', data: { email: 'b@x.io' } },
          { id: 4 as unknown as string, data: {} }, // STRICT tables refuse a number as item id
        ],
        cursor: { value: { lastRow: 4 } },
      }),
    ).toThrow();
    expect(engine.db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(1);
    expect(engine.db.prepare('SELECT count(*) FROM trigger_ledger').pluck().get()).toBe(2);
    expect(engine.db.prepare('SELECT cursor FROM trigger_state').pluck().get()).toBe(
      '{"lastRow":2}',
    );
  });

  it('runs mapping, filter and action in order and logs each step', async () => {
    const { engine, save, accept, drain, run } = setUp();
    const id = await save(
      chain(manualTrigger(), [
        mappingStep('map', [
          {
            target: 'email',
            source: { kind: 'path', path: 'trigger.email' },
            transforms: [{ op: 'trim' }, { op: 'lowercase' }],
          },
        ]),
        filterStep('only_acme', 'map.email', 'ends_with', '@acme.com'),
        debugStep('record', { record: '{{map.email}}' }),
      ]),
    );
    const [passes, blocked] = accept(
      id,
      { id: 'i1', data: { email: ' Ada@ACME.com ' } },
      { id: 'i2', data: { email: 'bob@other.io' } },
    ).runIds;
    await drain();
    const ok = await run(passes!);
    expect(ok.state).toBe('succeeded');
    expect(ok.steps.map((s) => [s.stepId, s.state])).toEqual([
      ['map', 'succeeded'],
      ['only_acme', 'succeeded'],
      ['record', 'succeeded'],
    ]);
    expect(ok.steps[2]!.input).toEqual({ record: 'ada@acme.com' });
    expect(ok.steps[2]!.idempotencyKey).toBe(`${id}:i1:record`);
    const stopped = await run(blocked!);
    expect(stopped.state).toBe('succeeded');
    expect(stopped.steps.map((s) => s.state)).toEqual(['succeeded', 'filtered']);
    expect(stopped.outcome).toMatch(/Stopped by filter "only_acme".*bob@other\.io/);
    expect(
      engine.db.prepare(`SELECT count(*) FROM run_steps WHERE step_id = 'record'`).pluck().get(),
    ).toBe(1);
  });

  it('takes only the matching side of a branch', async () => {
    const { save, accept, drain, run } = setUp();
    const id = await save({
      trigger: manualTrigger(),
      steps: [
        {
          id: 'vip',
          type: 'branch',
          position: { x: 0, y: 0 },
          condition: {
            combinator: 'all',
            rules: [{ left: 'trigger.plan', operator: 'equals', right: 'pro' }],
          },
        },
        probeStep('welcome_pro', 'pro'),
        probeStep('welcome_free', 'free'),
      ],
      edges: [
        { id: 'a', source: 'trigger', target: 'vip' },
        { id: 'b', source: 'vip', sourceHandle: 'true', target: 'welcome_pro' },
        { id: 'c', source: 'vip', sourceHandle: 'false', target: 'welcome_free' },
      ],
    });
    const [pro, free] = accept(
      id,
      { id: 'p', data: { plan: 'pro' } },
      { id: 'f', data: { plan: 'free' } },
    ).runIds;
    await drain();
    expect((await run(pro!)).steps.map((s) => s.stepId)).toEqual(['vip', 'welcome_pro']);
    expect((await run(free!)).steps.map((s) => s.stepId)).toEqual(['vip', 'welcome_free']);
  });

  it('never executes a completed step again: not on retry, not after a crash', async () => {
    const { engine, probe, save, accept, drain, clock, run } = setUp();
    const id = await save(twoSends());
    const [runId] = accept(id, { id: 'i1', data: { email: 'a@x.io' } }).runIds;
    probe.failNext(probe.error('server_error')); // `first` succeeds? no: the first call fails
    await drain();
    expect((await run(runId!)).state).toBe('retrying');
    clock.advance(3_000);
    await drain();
    expect((await run(runId!)).state).toBe('succeeded');
    expect(probe.deliveries.map((d) => d.key)).toEqual([`${id}:i1:first`, `${id}:i1:second`]);

    // A crash after `first` was committed: the run is left "running" with that step done.
    const [crashed] = accept(id, { id: 'i2', data: { email: 'b@x.io' } }).runIds;
    probe.failNext(probe.error('network'));
    await drain(); // first ok, second failed → retrying
    engine.db.prepare(`UPDATE runs SET state = 'running' WHERE id = ?`).run(crashed);
    expect(engine.workflowEngine.queue.recoverInterrupted()).toBe(1);
    expect(await run(crashed!)).toMatchObject({
      state: 'interrupted',
      outcome: expect.stringMatching(/resumes/),
    });
    await drain();
    const resumed = await run(crashed!);
    expect(resumed.state).toBe('succeeded');
    expect(probe.deliveries.filter((d) => d.key === `${id}:i2:first`)).toHaveLength(1);
    expect(probe.deliveries.filter((d) => d.key === `${id}:i2:second`)).toHaveLength(1);
  });

  it('retries transient failures at 2, 4, 8, 16, 32 s ceilings, then fails (dead letter)', async () => {
    const { probe, save, accept, drain, clock, run } = setUp({ random: () => 1 });
    const id = await save(chain(manualTrigger(), [probeStep('send', 'x')]));
    const [runId] = accept(id, { id: 'i1', data: {} }).runIds;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) probe.failNext(probe.error('server_error'));
    await drain();
    for (;;) {
      const detail = await run(runId!);
      if (detail.state !== 'retrying') break;
      const wait = Date.parse(detail.dueAt!) - clock.ms;
      waits.push(wait);
      clock.advance(wait - 1);
      await drain();
      expect((await run(runId!)).state).toBe('retrying'); // not a millisecond early
      clock.advance(1);
      await drain();
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    const failed = await run(runId!);
    expect(failed.state).toBe('failed');
    expect(failed.retries).toBe(5);
    expect(failed.outcome).toMatch(/after 6 attempts/);
    expect(failed.steps.map((s) => s.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('runs an ordered workflow one item at a time, oldest first, even when one must wait', async () => {
    const { probe, save, accept, drain, clock, run } = setUp();
    const id = await save(
      chain(manualTrigger(), [probeStep('send', '{{trigger.n}}')], { ordered: true }),
    );
    const [first, second, third] = accept(
      id,
      { id: 'a', data: { n: 1 } },
      { id: 'b', data: { n: 2 } },
      { id: 'c', data: { n: 3 } },
    ).runIds;
    probe.failNext(probe.error('server_error'));
    await drain();
    expect((await run(first!)).state).toBe('retrying');
    expect((await run(second!)).state).toBe('queued'); // waits behind the first
    expect((await run(third!)).state).toBe('queued');
    clock.advance(2_000);
    await drain();
    expect(probe.deliveries.map((d) => d.payload)).toEqual([1, 2, 3]);
  });

  it('uses full jitter below the ceiling and honours Retry-After', async () => {
    const { probe, save, accept, drain, clock, run } = setUp({ random: () => 0.25 });
    const id = await save(chain(manualTrigger(), [probeStep('send', 'x')]));
    const [a, b] = accept(id, { id: 'a', data: {} }, { id: 'b', data: {} }).runIds;
    probe.failNext(probe.error('server_error'), probe.error('rate_limited', 'slow down', 90_000));
    await drain();
    expect(Date.parse((await run(a!)).dueAt!) - clock.ms).toBe(500);
    const limited = await run(b!);
    expect(Date.parse(limited.dueAt!) - clock.ms).toBe(90_000);
    expect(limited.outcome).toMatch(/as the service asked/);
  });

  it('puts the workflow on hold when a connection needs reconnecting, and resumes it after', async () => {
    const { engine, probe, save, accept, drain, run } = setUp();
    const { connection } = await call<{ connection: { id: string } }>(
      engine,
      'connections:create',
      { kind: 'http_bearer', name: 'CRM', credentials: { token: 'crm-token' } },
    );
    const conn = connection.id;
    const id = await save(chain(manualTrigger(), [probeStep('send', '{{trigger.n}}', conn)]));
    const [first, second] = accept(
      id,
      { id: 'a', data: { n: 1 } },
      { id: 'b', data: { n: 2 } },
    ).runIds;
    probe.failNext(probe.error('auth_expired', 'token revoked'));
    await engine.workflowEngine.queue.drain({ batchSize: 1 });
    expect((await run(first!)).state).toBe('on_hold');
    const workflow = await call<Workflow>(engine, 'workflows:get', { id });
    expect(workflow.state).toBe('on_hold');
    expect(workflow.stateReason).toMatch(/reconnected.*token revoked/);
    expect((await run(second!)).state).toBe('queued'); // waits, is not dropped
    expect(probe.deliveries).toHaveLength(0);

    expect(engine.workflowEngine.queue.releaseConnection(conn)).toEqual([id]);
    await drain();
    expect((await run(first!)).state).toBe('succeeded');
    expect((await run(second!)).state).toBe('succeeded');
    expect(probe.deliveries.map((d) => d.payload).sort()).toEqual([1, 2]);
  });

  it('does not hold again for an auth failure that came from before a reconnect', async () => {
    const { engine, probe, save, accept, run, clock } = setUp();
    const { connection } = await call<{ connection: { id: string } }>(
      engine,
      'connections:create',
      { kind: 'http_bearer', name: 'CRM', credentials: { token: 'old-token' } },
    );
    const conn = connection.id;
    const id = await save(chain(manualTrigger(), [probeStep('send', '{{trigger.n}}', conn)]));
    const [first] = accept(id, { id: 'a', data: { n: 1 } }).runIds;
    // While the step is in flight with the old token, the poller holds the workflow for the
    // same connection and the user reconnects it (both on other threads); then the step fails
    // with the old token's auth error.
    probe.duringNext(async () => {
      engine.workflowEngine.queue.holdForConnection(id, conn, 'the poll was refused');
      clock.advance(1_000);
      const saved = await call<{ resumedWorkflows: string[] }>(engine, 'connections:update', {
        id: conn,
        credentials: { token: 'new-token' },
      });
      expect(saved.resumedWorkflows).toEqual([id]);
    });
    probe.failNext(probe.error('auth_expired', 'old token refused'));
    // One pass: the run is queued again at once (not held) and runs with the new token.
    await engine.workflowEngine.queue.drain({ batchSize: 1 });
    expect((await call<Workflow>(engine, 'workflows:get', { id })).state).toBe('active');
    expect(engine.repos.connections.get(conn)!.status).not.toBe('needs_reconnect');
    const done = await run(first!);
    expect(done.state).toBe('succeeded');
    expect(done.steps.map((s) => [s.attempt, s.state])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
    expect(probe.deliveries.map((d) => d.payload)).toEqual([1]);
  });

  it('still holds for an auth failure after the latest reconnect, a token refresh meanwhile or not', async () => {
    const { engine, probe, save, accept, drain, run, clock } = setUp();
    const { connection } = await call<{ connection: { id: string } }>(
      engine,
      'connections:create',
      { kind: 'http_bearer', name: 'CRM', credentials: { token: 'old-token' } },
    );
    const conn = connection.id;
    const id = await save(chain(manualTrigger(), [probeStep('send', '{{trigger.n}}', conn)]));
    clock.advance(1_000);
    await call(engine, 'connections:update', { id: conn, credentials: { token: 'new-token' } });
    clock.advance(1_000);
    const [first] = accept(id, { id: 'a', data: { n: 1 } }).runIds;
    // Another thread saves refreshed tokens meanwhile: that is not a reconnect.
    probe.duringNext(() => {
      clock.advance(1_000);
      engine.repos.connections.update(conn, { secret: { token: 'refreshed' } }, clock.now());
    });
    probe.failNext(probe.error('auth_expired', 'new token refused too'));
    await drain();
    expect((await run(first!)).state).toBe('on_hold');
    expect((await call<Workflow>(engine, 'workflows:get', { id })).state).toBe('on_hold');
    expect(engine.repos.connections.get(conn)!.status).toBe('needs_reconnect');
    // A poll that began before a reconnect does not hold the workflow it resumed.
    const pollStarted = clock.ms;
    clock.advance(1_000);
    await call(engine, 'connections:update', { id: conn, credentials: { token: 'newer' } });
    expect(engine.workflowEngine.queue.holdForConnection(id, conn, 'stale', pollStarted)).toBe(
      false,
    );
    expect((await call<Workflow>(engine, 'workflows:get', { id })).state).toBe('active');
  });

  it('pauses a workflow after N runs in a row failed for non-transient reasons', async () => {
    const { engine, probe, save, accept, drain } = setUp();
    const id = await save(
      chain(manualTrigger(), [probeStep('send', 'x')], { pauseAfterFailures: 3 }),
    );
    probe.failNext(probe.error('invalid_input'), probe.error('invalid_input'));
    accept(id, { id: 'a', data: {} }, { id: 'b', data: {} });
    await drain();
    expect((await call<Workflow>(engine, 'workflows:get', { id })).state).toBe('active');
    probe.failNext(probe.error('invalid_input', 'field "email" is required'));
    accept(id, { id: 'c', data: {} });
    await drain();
    const paused = await call<Workflow>(engine, 'workflows:get', { id });
    expect(paused.state).toBe('paused');
    expect(paused.stateReason).toMatch(/3 runs in a row failed/);
    // A paused workflow's new runs wait.
    accept(id, { id: 'd', data: {} });
    expect(await drain()).toBe(0);
  });

  it('records duplicates by item id and by a chosen field within the window', async () => {
    const { engine, save, accept, clock } = setUp();
    const byId = await save(twoSends());
    expect(accept(byId, { id: 'a', data: {} }).runIds).toHaveLength(1);
    expect(accept(byId, { id: 'a', data: {} }).duplicates).toEqual(['a']);
    const byEmail = await save(twoSends({ dedupe: { field: 'email', windowDays: 30 } }));
    expect(accept(byEmail, { id: '1', data: { email: 'Ada@x.io' } }).runIds).toHaveLength(1);
    const again = accept(byEmail, { id: '2', data: { email: ' ada@X.io' } });
    expect(again.duplicates).toEqual(['2']);
    const reason = engine.db
      .prepare(`SELECT reason FROM trigger_ledger WHERE item_id = '2'`)
      .pluck()
      .get() as string;
    expect(reason).toMatch(/Already seen .*email=ada@x\.io/);
    clock.advance(31 * 86_400_000);
    expect(accept(byEmail, { id: '3', data: { email: 'ada@x.io' } }).runIds).toHaveLength(1);
  });

  it('replays from the start with new idempotency keys, linked to the original', async () => {
    const { engine, probe, save, accept, drain, run } = setUp();
    const id = await save(twoSends());
    const [runId] = accept(id, { id: 'i', data: { email: 'a@x.io' } }).runIds;
    probe.failNext(probe.error('invalid_input'));
    await drain();
    expect((await run(runId!)).state).toBe('failed');
    const out = await call<{ replayed: { runId: number; replayId: number }[] }>(
      engine,
      'runs:replay',
      {
        runIds: [runId],
        from: 'start',
      },
    );
    await drain();
    const replay = await run(out.replayed[0]!.replayId);
    expect(replay).toMatchObject({ state: 'succeeded', replayOf: runId, triggerItemId: 'i' });
    expect(probe.deliveries.map((d) => d.key)).toEqual([`${id}:i:first:r1`, `${id}:i:second:r1`]);
    // A second replay gets keys of its own again.
    const again = await call<{ replayed: { replayId: number }[] }>(engine, 'runs:replay', {
      runIds: [runId],
      from: 'start',
    });
    await drain();
    expect((await run(again.replayed[0]!.replayId)).steps[0]!.idempotencyKey).toBe(
      `${id}:i:first:r2`,
    );
  });

  it('replays from the failed step, reusing what the original had done', async () => {
    const { engine, probe, save, accept, drain, run } = setUp();
    const id = await save(twoSends());
    const [runId] = accept(id, { id: 'i', data: { email: 'a@x.io' } }).runIds;
    probe.failNext(null, probe.error('not_found', 'no such list'));
    await drain();
    const failed = await run(runId!);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'not_found', step: 'second', retryable: false });
    // The failing attempt's log shows what it tried to send.
    expect(failed.steps.at(-1)).toMatchObject({ state: 'failed', input: { payload: 'a@x.io' } });
    const out = await call<{ replayed: { replayId: number }[] }>(engine, 'runs:replay', {
      runIds: [runId],
      from: 'failed_step',
    });
    await drain();
    const replay = await run(out.replayed[0]!.replayId);
    expect(replay.state).toBe('succeeded');
    expect(replay.replayFrom).toBe('second');
    expect(replay.steps.map((s) => [s.stepId, s.state])).toEqual([
      ['first', 'reused'],
      ['second', 'succeeded'],
    ]);
    expect(probe.deliveries.map((d) => d.key)).toEqual([`${id}:i:first`, `${id}:i:second:r1`]);
  });

  it('replays many by filter and skips runs that have not finished', async () => {
    const { engine, probe, save, accept, drain } = setUp();
    const id = await save(twoSends());
    probe.failNext(probe.error('invalid_input'), probe.error('invalid_input'));
    accept(id, { id: 'a', data: {} }, { id: 'b', data: {} });
    await drain();
    const [queued] = accept(id, { id: 'c', data: {} }).runIds;
    const bulk = await call<{ replayed: unknown[]; skipped: { runId: number; reason: string }[] }>(
      engine,
      'runs:replay',
      {
        filter: { workflowId: id, states: ['failed', 'queued'] },
      },
    );
    expect(bulk.replayed).toHaveLength(2);
    expect(bulk.skipped).toEqual([
      { runId: queued, reason: expect.stringMatching(/queued; only finished runs/) },
    ]);
  });

  it('cancels queued and retrying runs, not finished ones', async () => {
    const { engine, probe, save, accept, drain, run } = setUp();
    const id = await save(twoSends());
    const [done] = accept(id, { id: 'a', data: {} }).runIds;
    await drain();
    probe.failNext(probe.error('timeout'));
    const [retrying] = accept(id, { id: 'b', data: {} }).runIds;
    await drain();
    const [queued] = accept(id, { id: 'c', data: {} }).runIds;
    const out = await call<{ cancelled: number[]; skipped: { runId: number }[] }>(
      engine,
      'runs:cancel',
      {
        runIds: [done, retrying, queued],
      },
    );
    expect(out.cancelled).toEqual([retrying, queued]);
    expect(out.skipped.map((s) => s.runId)).toEqual([done]);
    expect((await run(retrying!)).state).toBe('cancelled');
    expect(await drain()).toBe(0);
  });
});
