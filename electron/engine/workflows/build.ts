import { setTimeout as sleepFor } from 'node:timers/promises';
import type { EngineEvent } from '@shared/events';
import type { Db } from '../db/open';
import type { WorkflowsRepo } from '../db/repos/workflows';
import type { ConnectionsRepo } from '../db/repos/connections';
import { createConnectionAccess } from '../connections/access';
import { createHttpClient } from '../http/client';
import { createRedactor } from '../http/redact';
import { httpTimeoutFromEnv } from '../http/timeout-setting';
import { createNamedLocks } from '../scheduler/limits-locks';
import { createSharedLimits } from '../scheduler/limits';
import type { Clock, EngineOptions, Logger } from '../types';
import { createOwnWrites } from './own-writes';
import { createWorkflowEngine } from './service';

export interface WorkflowEngineParts {
  db: Db;
  workflows: WorkflowsRepo;
  /** Where steps' connections are opened; without it every step gets the plain client. */
  connections?: ConnectionsRepo;
  clock: Clock;
  logger: Logger;
  emit(event: EngineEvent): void;
  options: Pick<EngineOptions, 'connectors' | 'random' | 'failpoint'>;
}

/** The workflow engine on one database connection: the main thread's, or a worker's own. */
export function buildWorkflowEngine(parts: WorkflowEngineParts) {
  const { db, workflows, connections, clock, logger, emit, options } = parts;
  const redactor = createRedactor();
  const http = createHttpClient({
    clock,
    logger,
    redactor,
    defaultTimeoutMs: httpTimeoutFromEnv(),
  });
  const access = connections
    ? createConnectionAccess({
        repo: connections,
        http,
        redactor,
        clock,
        logger,
        locks: createNamedLocks(db, clock, (ms, signal) => sleepFor(ms, undefined, { signal })),
        limits: createSharedLimits(db, clock),
      })
    : undefined;
  const executor = {
    clock,
    logger,
    redactor,
    ownWrites: createOwnWrites(db, clock),
    httpFor: (connectionId: string | null) => access?.httpFor(connectionId) ?? http,
    connectionFor: (connectionId: string | null) => access?.connectionFor(connectionId),
    random: options.random,
    failpoint: options.failpoint,
  };
  const workflowEngine = createWorkflowEngine({
    db,
    workflows,
    emit,
    lookup: options.connectors?.lookup,
    impls: options.connectors?.impls,
    executor,
  });
  return { workflowEngine, redactor, executor, http, access };
}
