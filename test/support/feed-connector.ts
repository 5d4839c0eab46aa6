/**
 * A polling test connector: `feed.items` GETs `<url>?after=<cursor>` through ctx.http and
 * turns the answer `{ items: [{ id, ... }] }` into trigger items. Exported as `connectors` so
 * a scheduler worker can load it by path (JobData.connectorsModule).
 */
import { z } from 'zod';
import { CONNECTORS, createDescriptorLookup } from '../../shared/connectors/registry';
import type { ConnectorDescriptor } from '../../shared/connectors/types';
import { BUILTIN_IMPLS, createConnectorImpls } from '../../electron/engine/connectors/registry';
import type { ConnectorImpl, PollingTriggerImpl } from '../../electron/engine/connectors/types';

const FeedConfig = z.object({ url: z.url() });

export const feedDescriptor: ConnectorDescriptor = {
  id: 'feed',
  name: 'Feed',
  category: 'developer',
  icon: 'rss',
  description: 'Test feed',
  auth: ['none'],
  triggers: [
    {
      id: 'items',
      kind: 'polling',
      name: 'New items',
      description: 'Polls a feed',
      config: FeedConfig,
      ui: { order: ['url'], fields: { url: { label: 'URL' } } },
    },
  ],
  actions: [],
};

const feedTrigger: PollingTriggerImpl<z.infer<typeof FeedConfig>, { after: number }> = {
  kind: 'polling',
  async poll(ctx, config, state) {
    const after = state?.after ?? 0;
    const res = await ctx.http.request<{ items: { id: number; [k: string]: unknown }[] }>({
      url: config.url,
      query: { after },
      responseType: 'json',
    });
    const items = res.body.items.map((item) => ({ id: String(item.id), data: item }));
    const last = res.body.items.at(-1)?.id ?? after;
    return { items, state: { after: last }, ledger: [] };
  },
};

const feedImpl: ConnectorImpl = {
  id: 'feed',
  triggers: { items: feedTrigger as PollingTriggerImpl },
  actions: {},
};

export const connectors = {
  lookup: createDescriptorLookup([...CONNECTORS, feedDescriptor]),
  impls: createConnectorImpls([...BUILTIN_IMPLS, feedImpl]),
};

export const feedTriggerNode = (url: string) => ({
  id: 'trigger' as const,
  type: 'trigger' as const,
  connector: 'feed',
  operation: 'items',
  position: { x: 0, y: 0 },
  config: { url },
});
