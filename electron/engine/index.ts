import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineEvent } from '@shared/events';
import { createInvoker } from './api/binder';
import { createHandlers } from './api/handlers';
import { openDatabase, schemaVersion, type Db } from './db/open';
import { createAuditRepo } from './db/repos/audit';
import { createConnectionHealth } from './connections/health';
import { createConnectionsRepo } from './db/repos/connections';
import { createConnectionAliasesRepo } from './db/repos/connection-aliases';
import { createSettingsRepo } from './db/repos/settings';
import { createWorkflowsRepo } from './db/repos/workflows';
import { lockDataDir } from './lock';
import { createVault, type Vault } from './secrets/vault';
import {
  silentLogger,
  systemClock,
  type Clock,
  type Engine,
  type EngineOptions,
  type Keyring,
} from './types';
import type { Redactor } from './http/redact';
import { buildWorkflowEngine } from './workflows/build';
import { createConnectionService } from './connections/service';
import { createEndpoints, type Endpoints } from './server/endpoints';
import type { WorkflowEngine } from './workflows/service';
import { createTransfer, type Transfer } from './transfer/service';
import { releaseAbandonedPollLeases } from './scheduler/poller';
import { createStorageHealth, type StorageHealthTracker } from './db/storage-health';

export type { Engine, EngineOptions, Keyring, Clock, Logger } from './types';

import { DATABASE_FILE } from './db/file';

export { DATABASE_FILE };

/** The engine with its internals, for the shells and tests that live inside main. */
export interface EngineInternals extends Engine {
  readonly db: Db;
  readonly vault: Vault;
  /** Unwraps vault keys for background workers (they cannot reach the OS keychain). */
  readonly keyring: Keyring;
  readonly workflowEngine: WorkflowEngine;
  /** Events of work done in this thread (not those relayed from workers). */
  onLocalEvent(listener: (event: EngineEvent) => void): () => void;
  /** Relays an event from a background worker to everyone listening. */
  publish(event: EngineEvent): void;
  readonly redactor: Redactor;
  readonly clock: Clock;
  /** Webhook and form URLs and their verification secrets. */
  readonly endpoints: Endpoints;
  readonly repos: {
    workflows: ReturnType<typeof createWorkflowsRepo>;
    connections: ReturnType<typeof createConnectionsRepo>;
    settings: ReturnType<typeof createSettingsRepo>;
    audit: ReturnType<typeof createAuditRepo>;
    aliases: ReturnType<typeof createConnectionAliasesRepo>;
  };
  /** Workflow files in and out (import, export). */
  readonly transfer: Transfer;
  /** Whether the disk lets the engine save; refused writes are reported to it. */
  readonly storage: StorageHealthTracker;
}

/**
 * Opens the data directory (one engine per directory), brings the database up to date, and
 * returns the engine: the contract handlers behind one `invoke`, and the event stream.
 */
export function createEngine(options: EngineOptions): EngineInternals {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(options.dataDir);
  let db: Db;
  try {
    db = openDatabase(join(options.dataDir, DATABASE_FILE), { now: () => clock.now() });
  } catch (error) {
    unlock();
    throw error;
  }

  const startedAt = clock.now().toISOString();
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const emit = (event: EngineEvent) => {
    events.emit('event', event);
    events.emit('local', event);
  };

  const storage = createStorageHealth({
    db,
    dataDir: options.dataDir,
    clock,
    logger,
    emit,
    ...options.storageHealth,
  });
  const vault = createVault(db, options.keyring, clock);
  const repos = {
    workflows: createWorkflowsRepo(db),
    connections: createConnectionsRepo(db, vault),
    settings: createSettingsRepo(db, logger),
    audit: createAuditRepo(db),
    aliases: createConnectionAliasesRepo(db),
  };
  const { workflowEngine, redactor, access } = buildWorkflowEngine({
    db,
    workflows: repos.workflows,
    connections: repos.connections,
    clock,
    logger,
    emit,
    options,
  });
  const endpoints = createEndpoints({
    db,
    vault,
    workflows: repos.workflows,
    redactor,
    settings: () => repos.settings.get(),
  });
  const connectionService = createConnectionService({
    db,
    repo: repos.connections,
    access: access!,
    redactor,
    clock,
    emit,
    release: (id) => workflowEngine.queue.releaseConnection(id),
    logger,
    openExternal: options.openExternal,
  });
  const transfer = createTransfer({
    ...repos,
    db,
    lookup: workflowEngine.lookup,
    clock,
    logger,
    emit,
    checkSavable: (name, definition) => workflowEngine.checkSavable(name, definition),
    afterSave: (before, saved) => {
      workflowEngine.reschedule(before, saved);
      endpoints.ensureFor(saved.id, saved.definition.trigger);
    },
  });
  const recovered = workflowEngine.queue.recoverInterrupted();
  if (recovered > 0) logger.warn('requeued runs interrupted by a stop', { runs: recovered });
  const released = releaseAbandonedPollLeases(db);
  if (released > 0) logger.warn('released polls abandoned by a stop', { triggers: released });

  const invoke = createInvoker({
    logger,
    handlers: createHandlers({
      ...repos,
      connectionService,
      connectionHealth: createConnectionHealth({ db, repo: repos.connections, clock }),
      clock,
      emit,
      engine: workflowEngine,
      endpoints,
      desktop: options.desktop ?? null,
      transfer,
      storage,
      info: () => ({
        name: 'Switchyard',
        version: options.appVersion ?? '0.0.0',
        mode: options.mode ?? 'browser',
        platform: process.platform,
        dataDir: options.dataDir,
        schemaVersion: schemaVersion(db),
        keyring: options.keyring.kind,
        startedAt,
      }),
    }),
    recordAudit: (channel, entry) => repos.audit.record(channel, entry, clock.now()),
    storage,
  });

  let closed = false;
  logger.info('engine ready', { dataDir: options.dataDir, schemaVersion: schemaVersion(db) });
  return {
    dataDir: options.dataDir,
    db,
    vault,
    keyring: options.keyring,
    repos,
    workflowEngine,
    redactor,
    clock,
    endpoints,
    transfer,
    storage,
    invoke,
    onEvent(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    onLocalEvent(listener: (event: EngineEvent) => void) {
      events.on('local', listener);
      return () => events.off('local', listener);
    },
    publish: (event: EngineEvent) => events.emit('event', event),
    close() {
      if (closed) return;
      closed = true;
      connectionService.closeSignIns();
      storage.close();
      events.removeAllListeners();
      db.close();
      unlock();
    },
  };
}
