import type { HttpClient } from '../http/client';
import type { OpenedConnection } from '../connections/auth';
import type { Clock, Logger } from '../types';

/** Keys of records Switchyard itself wrote, so a workflow does not trigger on its own writes. */
export interface OwnWrites {
  has(key: string): boolean;
  add(key: string): void;
}

/**
 * Everything a connector may use. It never gets the database, IPC or Electron: what it needs
 * from the engine comes through here, and the network only through `http`.
 */
export interface ConnectorContext {
  http: HttpClient;
  logger: Logger;
  clock: Clock;
  ownWrites: OwnWrites;
  signal: AbortSignal;
  /**
   * The node's connection, opened (credentials included), for connectors that do not talk
   * HTTP (SMTP). HTTP connectors never need it: `http` is already authenticated as it.
   */
  connection?: OpenedConnection;
}

export interface ActionContext extends ConnectorContext {
  /** (workflow, trigger item, step[, replay]) — pass it to services that accept one. */
  idempotencyKey: string;
  /** 1 for the first try of this step in this run, 2 for the first retry, … */
  attempt: number;
}

export interface TriggerItem {
  /** Stable identity of the item in its service (row number + sheet, message id, event id…). */
  id: string;
  data: Record<string, unknown>;
  /** A short line for run lists, e.g. the e-mail or the row's first cells. */
  summary?: string;
}

export interface LedgerEntry {
  itemId: string;
  outcome: 'baseline' | 'filtered' | 'not_settled' | 'own_write';
  reason: string;
}

export interface PollResult<S> {
  items: TriggerItem[];
  state: S;
  /** Items seen that are not events, and why (baseline, not settled, own write…). */
  ledger: LedgerEntry[];
}

export interface PollingTriggerImpl<C = unknown, S = unknown> {
  kind: 'polling';
  poll(ctx: ConnectorContext, config: C, state: S | null): Promise<PollResult<S>>;
  /** An item for a test run, fetched now without moving any cursor. */
  sample?(ctx: ConnectorContext, config: C): Promise<TriggerItem | null>;
}

export interface PushTriggerImpl {
  kind: 'manual' | 'webhook' | 'form' | 'schedule';
}

export type TriggerImpl = PollingTriggerImpl | PushTriggerImpl;

export interface ActionImpl<C = unknown> {
  run(ctx: ActionContext, config: C): Promise<unknown>;
}

export interface OptionChoice {
  value: string;
  label: string;
}

export type OptionLoader = (
  ctx: ConnectorContext,
  config: Record<string, unknown>,
) => Promise<OptionChoice[]>;

export interface ConnectorImpl {
  id: string;
  /** Dynamic option sources named in descriptors' FieldHint.options (e.g. 'spreadsheets'). */
  options?: Readonly<Record<string, OptionLoader>>;
  triggers: Readonly<Record<string, TriggerImpl>>;
  actions: Readonly<Record<string, ActionImpl<never>>>;
}
