import type { ActionContext } from '../../electron/engine/connectors/types';
import type { OpenedConnection } from '../../electron/engine/connections/auth';
import { createHttpClient, type AuthInjector } from '../../electron/engine/http/client';
import { createRedactor } from '../../electron/engine/http/redact';
import type { Clock, Logger } from '../../electron/engine/types';

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** An action's context over the real HTTP layer, for calling a connector's action directly. */
export function actionContext(
  options: {
    auth?: AuthInjector;
    connection?: OpenedConnection;
    clock?: Clock;
    idempotencyKey?: string;
    attempt?: number;
  } = {},
): ActionContext {
  const clock = options.clock ?? { now: () => new Date() };
  return {
    http: createHttpClient({
      clock,
      logger: silentLogger,
      redactor: createRedactor(),
      auth: options.auth,
    }),
    logger: silentLogger,
    clock,
    ownWrites: { has: () => false, add() {} },
    signal: new AbortController().signal,
    connection: options.connection,
    idempotencyKey: options.idempotencyKey ?? 'wf_test:item-1:send',
    attempt: options.attempt ?? 1,
  };
}
