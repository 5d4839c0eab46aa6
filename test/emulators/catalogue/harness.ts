import { catalogueService } from '@shared/connectors/catalogue';
import { connectionKindOf, descriptorOf } from '@shared/connectors/catalogue/build';
import { ConnectorError } from '@shared/connectors/errors';
import { authFor, type OpenedConnection } from '../../../electron/engine/connections/auth';
import { rateLimitFor } from '../../../electron/engine/connections/limits';
import { testConnection } from '../../../electron/engine/connections/testers';
import '../../../electron/engine/connectors/catalogue';
import { CATALOGUE_IMPLS } from '../../../electron/engine/connectors/catalogue';
import type {
  ActionContext,
  ActionImpl,
  PollingTriggerImpl,
} from '../../../electron/engine/connectors/types';
import { createHttpClient, type HttpExchange } from '../../../electron/engine/http/client';
import { createRedactor } from '../../../electron/engine/http/redact';
import type { SharedLimits } from '../../../electron/engine/scheduler/limits';
import { silentLogger, type Clock } from '../../../electron/engine/types';

/**
 * A catalogue service's connection as the engine opens it (the one HTTP layer, the service's
 * auth, its shared limits when given), pointed at a stub through the advanced base URL.
 */
export function catalogueHarness(
  serviceId: string,
  credentials: Record<string, unknown>,
  options: { clock?: Clock; limits?: SharedLimits } = {},
) {
  const service = catalogueService(serviceId);
  if (!service) throw new Error(`No catalogue service ${serviceId}`);
  const impl = CATALOGUE_IMPLS.find((i) => i.id === serviceId)!;
  const clock = options.clock ?? { now: () => new Date() };
  const redactor = createRedactor();
  const exchanges: HttpExchange[] = [];
  const base = createHttpClient({
    clock,
    logger: silentLogger,
    redactor,
    onExchange: (e) => exchanges.push(e),
  });
  const saved: Record<string, unknown>[] = [];
  const connection: OpenedConnection = {
    id: `conn-${serviceId}`,
    kind: serviceId,
    name: `Test ${service.name}`,
    credentials,
  };
  const kind = connectionKindOf(service);
  for (const [name, field] of Object.entries(kind.fields))
    if (field.secret && typeof credentials[name] === 'string')
      redactor.addSecret(credentials[name]);
  const auth = authFor(connection, {
    clock,
    http: base.withAuth(undefined),
    saveTokens: (_id, t) => void saved.push(t),
  });
  const http = base.withAuth(auth, rateLimitFor(connection, options.limits));
  const ctx = (key = 'wf:item:step'): ActionContext => ({
    http,
    logger: silentLogger,
    clock,
    ownWrites: { has: () => false, add: () => undefined },
    signal: new AbortController().signal,
    connection,
    idempotencyKey: key,
    attempt: 1,
  });
  const descriptor = descriptorOf(service);
  return {
    service,
    exchanges,
    saved,
    redactor,
    /** Runs an action as the executor does: the config goes through the descriptor's schema first. */
    async run(op: string, config: Record<string, unknown>, key?: string): Promise<unknown> {
      const schema = descriptor.actions.find((a) => a.id === op)?.config;
      if (!schema) throw new Error(`${serviceId} has no action ${op}`);
      const parsed = schema.safeParse(config);
      if (!parsed.success)
        throw new ConnectorError('invalid_input', parsed.error.issues[0]!.message, {
          retryable: false,
        });
      const action = impl.actions[op] as unknown as ActionImpl<unknown>;
      return action.run(ctx(key), parsed.data);
    },
    poll(op: string, config: Record<string, unknown>, state: unknown) {
      const trigger = impl.triggers[op] as PollingTriggerImpl<Record<string, unknown>, unknown>;
      return trigger.poll(ctx(), config, state as never);
    },
    test: () => testConnection(connection, { http, clock, redactor, auth }),
  };
}

/** The ConnectorError a promise rejects with (fails the test when it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError, but it succeeded');
}
