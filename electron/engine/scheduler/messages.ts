import type { EngineEvent } from '@shared/events';
import type { Failpoint } from '../types';
import type { PollReport } from './poller';
import type { UnwrapRequest } from '../secrets/relay-keyring';

/** What every job worker is started with (Bree passes it as workerData). */
export interface JobData {
  dataDir: string;
  /** A module exporting `connectors` ({ lookup, impls }) to use instead of the built-in ones. */
  connectorsModule?: string;
  /** How many polls the poller runs at once (default 4). */
  pollsAtOnce?: number;
  /** Overrides the "Runs at once" setting for this process (the CLI's --runs-at-once). */
  runsAtOnce?: number;
  /** The main thread's keyring kind; workers ask main to unwrap vault keys (see relay-keyring). */
  keyringKind?: string;
  /** Test-only: kill the process at this failpoint the nth time it is reached. */
  crashAt?: { failpoint: Failpoint; nth: number };
}

/** Main thread → worker. Bree itself sends the string 'cancel' to stop a job. */
export type ToWorker = { type: 'wake' } | { type: 'resume'; now: number } | 'cancel';

/** Worker → main thread. 'cancelled' tells Bree a cancel was honoured. */
export type FromWorker =
  | { type: 'ready'; job: string }
  | { type: 'event'; event: EngineEvent }
  | { type: 'polled'; reports: PollReport[] }
  | { type: 'dispatched'; runs: number }
  | { type: 'housekeeping'; report: Record<string, unknown> }
  | { type: 'error'; message: string }
  /** A write of this job was refused because the disk is full; `what` names what was not saved. */
  | { type: 'disk_full'; what: string }
  | UnwrapRequest
  | 'cancelled';

export const isToWorker = (m: unknown): m is ToWorker =>
  m === 'cancel' ||
  (typeof m === 'object' &&
    m !== null &&
    ['wake', 'resume'].includes((m as { type?: string }).type ?? ''));
