import { z } from 'zod';
import { ConnectorError, type ConnectorErrorCode } from '@shared/connectors/errors';
import { CONNECTORS, createDescriptorLookup } from '@shared/connectors/registry';
import type { ConnectorDescriptor } from '@shared/connectors/types';
import { BUILTIN_IMPLS, createConnectorImpls } from '../../electron/engine/connectors/registry';
import type { ConnectorImpl } from '../../electron/engine/connectors/types';

/**
 * A connector for engine tests: its `send` action counts every execution with its idempotency
 * key (a sink that records every delivery raw), and fails as scripted per call.
 */
export function probeConnector() {
  const deliveries: { key: string; payload: unknown; attempt: number }[] = [];
  const script: (ConnectorError | null)[] = [];
  const during: (() => unknown)[] = [];
  const descriptor: ConnectorDescriptor = {
    id: 'probe',
    name: 'Probe',
    category: 'developer',
    icon: 'bug',
    description: 'Test sink',
    auth: ['api_key'],
    triggers: [
      {
        id: 'rows',
        kind: 'polling',
        name: 'New rows',
        description: 'Polls the sink',
        config: z.object({}),
        ui: { order: [], fields: {} },
      },
    ],
    actions: [
      {
        id: 'send',
        name: 'Send',
        description: 'Delivers to the sink',
        sideEffects: true,
        config: z.object({ payload: z.unknown() }),
        ui: { order: ['payload'], fields: {} },
      },
    ],
  };
  const impl: ConnectorImpl = {
    id: 'probe',
    triggers: {
      rows: {
        kind: 'polling',
        poll: () => Promise.resolve({ items: [], state: null, ledger: [] }),
        sample: () => Promise.resolve({ id: 'row-7', data: { email: 'fetched@x.io' } }),
      },
    },
    actions: {
      send: {
        run: async (ctx, config: { payload: unknown }) => {
          await during.shift()?.();
          const next = script.shift();
          if (next) throw next;
          deliveries.push({
            key: ctx.idempotencyKey,
            payload: config.payload,
            attempt: ctx.attempt,
          });
          return { delivered: deliveries.length };
        },
      },
    },
  };
  return {
    deliveries,
    /** The next calls fail with these errors (null: succeeds), in order; then calls succeed. */
    failNext(...errors: (ConnectorError | null)[]) {
      script.push(...errors);
    },
    /** The next call first runs this (e.g. what another thread does while the step is in flight). */
    duringNext(action: () => unknown) {
      during.push(action);
    },
    error: (code: ConnectorErrorCode, message = `probe ${code}`, retryAfterMs?: number) =>
      new ConnectorError(code, message, { retryAfterMs }),
    connectors: {
      lookup: createDescriptorLookup([...CONNECTORS, descriptor]),
      impls: createConnectorImpls([...BUILTIN_IMPLS, impl]),
    },
  };
}

export const probeStep = (id: string, payload: unknown, connection: string | null = null) => ({
  id,
  type: 'action' as const,
  connector: 'probe',
  operation: 'send',
  connection,
  position: { x: 0, y: 0 },
  config: { payload },
});
