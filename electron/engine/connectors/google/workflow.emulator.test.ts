import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthorizeStatus } from '@shared/ipc/contract';
import type { RunDetail } from '@shared/runs';
import type { Workflow } from '@shared/workflow/schema';
import { startGoogleEmulator, type GoogleEmulator } from '../../../../test/emulators/google/server';
import { signInToEmulator } from '../../../../test/emulators/google/sign-in';
import { manualClock, useEngines } from '../../../../test/support/engine';
import { call } from '../../../../test/support/run-harness';
import { useTempDir } from '../../../../test/support/temp-dir';
import { chain, mappingStep } from '../../../../test/support/workflows';
import { DATABASE_FILE } from '../../db/file';
import { openDatabase, type Db } from '../../db/open';
import { createConnectionsRepo } from '../../db/repos/connections';
import { createWorkflowsRepo } from '../../db/repos/workflows';
import type { EngineInternals } from '../../index';
import { createPoller } from '../../scheduler/poller';
import { createKeyFileKeyring } from '../../secrets/keyfile-keyring';
import { createVault } from '../../secrets/vault';
import { silentLogger } from '../../types';
import { buildWorkflowEngine } from '../../workflows/build';

/*
 * The core workflow on the real engine: a database file, the poller on its own database
 * connection (as its worker thread has), the dispatcher draining the run queue, the Google
 * connection made by the browser sign-in, and every call through the real googleapis clients
 * to the emulator over loopback HTTP.
 */
const tempDir = useTempDir('switchyard-google-');
const openEngine = useEngines();
let emu: GoogleEmulator;
let clock: ReturnType<typeof manualClock>;
const opened: Db[] = [];

beforeEach(async () => {
  clock = manualClock(Date.parse('2026-03-02T09:00:00Z'));
  emu = await startGoogleEmulator({ now: () => clock.ms, driveVersionLagMs: 0 });
});
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await emu.close();
});

const signIn = (engine: EngineInternals, id?: string): Promise<AuthorizeStatus> =>
  signInToEmulator(engine, emu, { id });

/** The poller as its worker builds it: its own database connection, vault and connections. */
function pollerThread(engine: EngineInternals) {
  const db = openDatabase(join(engine.dataDir, DATABASE_FILE));
  opened.push(db);
  const keyring = createKeyFileKeyring(engine.dataDir);
  const parts = buildWorkflowEngine({
    db,
    workflows: createWorkflowsRepo(db),
    connections: createConnectionsRepo(db, createVault(db, keyring, clock)),
    clock,
    logger: silentLogger,
    emit: () => {},
    options: {},
  });
  return createPoller({
    db,
    queue: parts.workflowEngine.queue,
    impls: parts.workflowEngine.impls,
    clock,
    logger: silentLogger,
    httpFor: parts.executor.httpFor,
    connectionFor: parts.executor.connectionFor,
    ownWrites: parts.executor.ownWrites,
  });
}

async function setUp() {
  const dataDir = tempDir();
  const engine = openEngine(dataDir, { clock, random: () => 1 });
  const signedIn = await signIn(engine);
  expect(signedIn.status).toBe('succeeded');
  const connection = signedIn.connection!.id;

  const sheetA = emu.control.createSpreadsheet({
    title: 'Inbound',
    sheets: [{ title: 'Leads', rows: [['email', 'name', 'call_at', 'call_end']] }],
  });
  const sheetB = emu.control.createSpreadsheet({
    title: 'CRM',
    sheets: [{ title: 'Contacts', rows: [['email', 'full name', 'source']] }],
  });
  const trigger = {
    id: 'trigger' as const,
    type: 'trigger' as const,
    connector: 'google',
    operation: 'sheets_new_row',
    connection,
    position: { x: 0, y: 0 },
    config: { spreadsheetId: sheetA.spreadsheetId, sheetId: 0, keyColumn: 'email' },
  };
  const definition = chain(trigger, [
    mappingStep('map', [
      {
        target: 'email',
        source: { kind: 'path', path: 'trigger.email' },
        transforms: [{ op: 'trim' }, { op: 'lowercase' }],
      },
      { target: 'name', source: { kind: 'path', path: 'trigger.name' } },
      { target: 'start', source: { kind: 'path', path: 'trigger.call_at' } },
      { target: 'end', source: { kind: 'path', path: 'trigger.call_end' } },
    ]),
    {
      id: 'append',
      type: 'action',
      connector: 'google',
      operation: 'sheets_append_rows',
      connection,
      position: { x: 0, y: 0 },
      config: {
        spreadsheetId: sheetB.spreadsheetId,
        sheetId: 0,
        keyColumn: 'email',
        rows: { email: '{{map.email}}', 'full name': '{{map.name}}', source: 'Inbound sheet' },
      },
    },
    {
      id: 'event',
      type: 'action',
      connector: 'google',
      operation: 'calendar_create_event',
      connection,
      position: { x: 0, y: 0 },
      config: {
        calendarId: 'primary',
        summary: 'Intro call with {{map.name}}',
        start: '{{map.start}}',
        end: '{{map.end}}',
        attendees: ['{{map.email}}'],
      },
    },
  ]);
  const saved = await call<Workflow>(engine, 'workflows:save', { name: 'Lead → CRM', definition });
  await call(engine, 'workflows:enable', { id: saved.id });
  const poller = pollerThread(engine);
  const poll = async () => {
    clock.advance(5 * 60_000); // the default poll interval
    return poller.runDue();
  };
  const contacts = () =>
    emu.control
      .truth(sheetB.spreadsheetId, 'Contacts')
      .slice(1)
      .map((r) => r.values);
  const events = () =>
    [...emu.state.calendars.get('ada@example.com')!.events.values()].map((e) => e.event);
  const runs = () =>
    engine.db.prepare('SELECT id, state FROM runs ORDER BY id').all() as {
      id: number;
      state: string;
    }[];
  const addLead = (email: string, name: string, at: string) =>
    emu.control.appendRow(sheetA.spreadsheetId, 'Leads', [
      email,
      name,
      at,
      new Date(Date.parse(at) + 30 * 60_000).toISOString().replace('.000', ''),
    ]);
  return { engine, connection, workflowId: saved.id, poll, contacts, events, runs, addLead };
}

describe('new row in Sheet A → map → append to Sheet B and create a calendar event', () => {
  it('runs end to end, refreshing the token before expiry and again after a 401 mid-run', async () => {
    const world = await setUp();
    const { engine } = world;
    expect((await world.poll())[0]).toMatchObject({ outcome: 'baseline' });

    world.addLead('  Grace@Example.com ', 'Grace', '2026-03-03T10:00:00Z');
    // 57 minutes after sign-in the hour-long token is inside the 5-minute margin: refreshed first.
    clock.advance(47 * 60_000);
    expect((await world.poll())[0]).toMatchObject({ outcome: 'ok', fired: 1 });
    expect(emu.control.grants().refresh_token).toBe(1);

    // Google drops the token early (as it may): the dispatcher's first call gets 401, refreshes, goes on.
    emu.control.expireAccessTokens();
    await engine.workflowEngine.queue.drain();
    expect(emu.control.grants().refresh_token).toBe(2);

    const [run] = world.runs();
    expect(run).toMatchObject({ state: 'succeeded' });
    const detail = await call<RunDetail>(engine, 'runs:get', { id: run!.id });
    expect(detail.steps.map((s) => [s.stepId, s.state])).toEqual([
      ['map', 'succeeded'],
      ['append', 'succeeded'],
      ['event', 'succeeded'],
    ]);
    expect(world.contacts()).toEqual([['grace@example.com', 'Grace', 'Inbound sheet']]);
    expect(world.events()).toEqual([
      expect.objectContaining({
        summary: 'Intro call with Grace',
        start: { dateTime: '2026-03-03T10:00:00.000Z' },
        end: { dateTime: '2026-03-03T10:30:00.000Z' },
        attendees: [expect.objectContaining({ email: 'grace@example.com' })],
      }),
    ]);
    // The refreshed tokens were sealed for the other threads; none of them is in the run log.
    const secret = engine.repos.connections.secretOf(world.connection)!;
    expect(emu.state.oauth.accessTokens.get(secret.accessToken as string)).toBeDefined();
    const logged = JSON.stringify(engine.db.prepare('SELECT * FROM run_steps').all());
    expect(logged).not.toContain(secret.accessToken as string);
    expect(logged).not.toContain(secret.refreshToken as string);

    // Sheet B is not the trigger's sheet, and Sheet A rows fire once: nothing more to do.
    expect((await world.poll())[0]).toMatchObject({ outcome: 'ok', fired: 0 });
  });

  it('holds on invalid_grant, and after a reconnect resumes with nothing lost or doubled', async () => {
    const world = await setUp();
    const { engine } = world;
    await world.poll();
    world.addLead('ada@example.org', 'Ada', '2026-03-03T09:00:00Z');
    await world.poll(); // queued, not run yet

    // The user revoked Switchyard at Google: refreshing answers invalid_grant.
    emu.control.revokeAll();
    await engine.workflowEngine.queue.drain();
    expect(world.runs().map((r) => r.state)).toEqual(['on_hold']);
    expect(engine.repos.workflows.get(world.workflowId)!.state).toBe('on_hold');
    expect(engine.repos.connections.get(world.connection)!.status).toBe('needs_reconnect');

    // A lead added meanwhile is not polled away: the cursor stays until Google answers again.
    world.addLead('alan@example.org', 'Alan', '2026-03-03T11:00:00Z');
    await world.poll();
    expect(world.runs()).toHaveLength(1);

    const reconnected = await signIn(engine, world.connection);
    expect(reconnected).toMatchObject({
      status: 'succeeded',
      resumedWorkflows: [world.workflowId],
    });
    expect(engine.repos.workflows.get(world.workflowId)!.state).toBe('active');
    await world.poll();
    await engine.workflowEngine.queue.drain();
    expect(world.runs().map((r) => r.state)).toEqual(['succeeded', 'succeeded']);
    expect(world.contacts().map((r) => r[0])).toEqual(['ada@example.org', 'alan@example.org']);
    expect(world.events().map((e) => e.summary)).toEqual([
      'Intro call with Ada',
      'Intro call with Alan',
    ]);
  });

  it('holds when the poll’s refresh answers invalid_grant, and resumes after a reconnect', async () => {
    const world = await setUp();
    const { engine } = world;
    await world.poll();
    // The token ends and its refresh is refused while nothing else is running: the poll hits it.
    emu.control.expireAccessTokens();
    emu.control.failRefreshes(1);
    world.addLead('ada@example.org', 'Ada', '2026-03-03T09:00:00Z');
    expect((await world.poll())[0]).toMatchObject({ outcome: 'error' });
    expect(engine.repos.workflows.get(world.workflowId)!.state).toBe('on_hold');
    expect(engine.repos.connections.get(world.connection)!.status).toBe('needs_reconnect');
    expect(await world.poll()).toEqual([]); // on hold: not polled until the user reconnects

    const reconnected = await signIn(engine, world.connection);
    expect(reconnected).toMatchObject({ resumedWorkflows: [world.workflowId] });
    expect((await world.poll())[0]).toMatchObject({ outcome: 'ok', fired: 1 });
    await engine.workflowEngine.queue.drain();
    expect(world.runs().map((r) => r.state)).toEqual(['succeeded']);
    expect(world.contacts().map((r) => r[0])).toEqual(['ada@example.org']);
  });
});
