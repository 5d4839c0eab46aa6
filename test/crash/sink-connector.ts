import { z } from 'zod';
import { CONNECTORS, createDescriptorLookup } from '@shared/connectors/registry';
import type { ConnectorDescriptor } from '@shared/connectors/types';
import { BUILTIN_IMPLS, createConnectorImpls } from '../../electron/engine/connectors/registry';
import type { ConnectorImpl } from '../../electron/engine/connectors/types';

/** What the sink receives for every delivery: the step's idempotency key and the item. */
export interface SinkDelivery {
  key: string;
  item: string;
}

const SendConfig = z.object({ item: z.union([z.string(), z.number()]) });

const descriptor: ConnectorDescriptor = {
  id: 'sink',
  name: 'Sink',
  category: 'developer',
  icon: 'bug',
  description: 'Delivers each item to the crash test sink over HTTP',
  auth: ['none'],
  triggers: [],
  actions: [
    {
      id: 'send',
      name: 'Send',
      description: 'POSTs the item and its idempotency key to the sink',
      sideEffects: true,
      config: SendConfig,
      ui: { order: ['item'], fields: {} },
    },
  ],
};

/** A connector whose one action POSTs through the engine's HTTP client, like a real one. */
export function sinkConnector(sinkUrl: string) {
  const impl: ConnectorImpl = {
    id: 'sink',
    triggers: {},
    actions: {
      send: {
        run: async (ctx, config: z.infer<typeof SendConfig>) => {
          const delivery: SinkDelivery = { key: ctx.idempotencyKey, item: String(config.item) };
          const response = await ctx.http.request({
            method: 'POST',
            url: sinkUrl,
            json: delivery,
            idempotencyKey: ctx.idempotencyKey,
          });
          return response.body;
        },
      },
    },
  };
  return {
    lookup: createDescriptorLookup([...CONNECTORS, descriptor]),
    impls: createConnectorImpls([...BUILTIN_IMPLS, impl]),
  };
}

export const sinkStep = {
  id: 'send',
  type: 'action' as const,
  connector: 'sink',
  operation: 'send',
  connection: null,
  position: { x: 0, y: 0 },
  config: { item: '{{trigger.n}}' },
};
