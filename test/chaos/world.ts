/**
 * The chaos scenarios' world: a data directory with a Google connection (signed in through the
 * emulator) and two enabled workflows, each delivering to the sink with the built-in HTTP action
 * and its Idempotency-Key header: incoming webhook → sink, and new Sheets row → sink.
 */
import type { RetryPolicy, Workflow } from '@shared/workflow/schema';
import type { EngineInternals } from '../../electron/engine';
import type { GoogleEmulator } from '../emulators/google/server';
import { signInToEmulator } from '../emulators/google/sign-in';
import { call } from '../support/call';
import { chain } from '../support/workflows';

/** The header a sender repeats on a retry, so the engine recognises the event it already stored. */
export const EVENT_ID_HEADER = 'x-event-id';
export const SHEET_TAB = 'Rows';

type Settings = { retry?: Partial<RetryPolicy>; pollIntervalSeconds?: number };

/** POSTs `{ item }` to the sink with the step's idempotency key. */
const sinkStep = (sinkUrl: string, item: string, timeoutSeconds: number) => ({
  id: 'deliver',
  type: 'action' as const,
  connector: 'http',
  operation: 'request',
  connection: null,
  position: { x: 0, y: 0 },
  config: {
    method: 'POST',
    url: sinkUrl,
    bodyType: 'json',
    body: { item },
    sendIdempotencyKey: true,
    timeoutSeconds,
  },
});

export interface ChaosWorld {
  connectionId: string;
  spreadsheetId: string;
  hookWorkflowId: string;
  sheetWorkflowId: string;
  /** The webhook's path on the engine's loopback server (stable across restarts). */
  hookPath: string;
  /** With `copyRows`: the spreadsheet each new row is also appended to (keyed by id). */
  outSpreadsheetId: string | null;
}

/**
 * Signs in to the emulator, makes the spreadsheet the Sheets trigger watches, and saves and
 * enables both workflows. Items are `hook-<n>` (webhook body `{ n }`) and `row-<id>`.
 */
export async function buildChaosWorld(
  engine: EngineInternals,
  emu: GoogleEmulator,
  options: {
    sinkUrl: string;
    settings: Settings;
    sinkTimeoutSeconds?: number;
    /** The Sheets workflow also appends each row to another spreadsheet (a Google action). */
    copyRows?: boolean;
  },
): Promise<ChaosWorld> {
  const signedIn = await signInToEmulator(engine, emu);
  if (signedIn.status !== 'succeeded' || !signedIn.connection)
    throw new Error(`chaos: Google sign-in did not succeed: ${JSON.stringify(signedIn)}`);
  const connectionId = signedIn.connection.id;
  const { spreadsheetId } = emu.control.createSpreadsheet({
    title: 'Chaos rows',
    sheets: [{ title: SHEET_TAB, rows: [['id', 'n']] }],
  });
  const outSpreadsheetId = options.copyRows
    ? emu.control.createSpreadsheet({
        title: 'Chaos copies',
        sheets: [{ title: SHEET_TAB, rows: [['id', 'n']] }],
      }).spreadsheetId
    : null;
  const copyStep = outSpreadsheetId && {
    id: 'copy',
    type: 'action' as const,
    connector: 'google',
    operation: 'sheets_append_rows',
    connection: connectionId,
    position: { x: 0, y: 0 },
    config: {
      spreadsheetId: outSpreadsheetId,
      sheetId: 0,
      keyColumn: 'id',
      rows: { id: '{{trigger.id}}', n: '{{trigger.n}}' },
    },
  };
  const timeout = options.sinkTimeoutSeconds ?? 10;
  const save = async (name: string, definition: unknown) => {
    const saved = await call<Workflow>(engine, 'workflows:save', { name, definition });
    await call(engine, 'workflows:enable', { id: saved.id });
    return saved.id;
  };
  const hookWorkflowId = await save(
    'Chaos webhook → sink',
    chain(
      {
        id: 'trigger',
        type: 'trigger',
        connector: 'webhook_in',
        operation: 'receive',
        position: { x: 0, y: 0 },
        config: { verification: 'none', idHeader: EVENT_ID_HEADER },
      },
      [sinkStep(options.sinkUrl, 'hook-{{trigger.body.n}}', timeout)],
      options.settings,
    ),
  );
  const sheetWorkflowId = await save(
    'Chaos sheet rows → sink',
    chain(
      {
        id: 'trigger',
        type: 'trigger',
        connector: 'google',
        operation: 'sheets_new_row',
        connection: connectionId,
        position: { x: 0, y: 0 },
        config: { spreadsheetId, sheetId: 0, keyColumn: 'id' },
      },
      [...(copyStep ? [copyStep] : []), sinkStep(options.sinkUrl, 'row-{{trigger.id}}', timeout)],
      options.settings,
    ),
  );
  const endpoint = await call<{ path: string }>(engine, 'triggers:endpoint', {
    workflowId: hookWorkflowId,
  });
  return {
    connectionId,
    spreadsheetId,
    hookWorkflowId,
    sheetWorkflowId,
    hookPath: endpoint.path,
    outSpreadsheetId,
  };
}

/** Appends the rows `r-<from>` … `r-<to>` as a person would (the sink sees `row-r-<n>`). */
export function appendRows(emu: GoogleEmulator, world: ChaosWorld, from: number, to: number) {
  for (let n = from; n <= to; n++)
    emu.control.appendRow(world.spreadsheetId, SHEET_TAB, [`r-${n}`, n]);
}
