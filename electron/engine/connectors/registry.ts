import { debugImpl, manualImpl } from './builtin/debug';
import { emailImpl } from './email/send';
import { CATALOGUE_IMPLS } from './catalogue';
import { googleImpl } from './google';
import { httpImpl } from './http';
import { outgoingWebhookImpl } from './webhook';
import type { ActionImpl, ConnectorImpl, OptionLoader, TriggerImpl } from './types';

export interface ConnectorImpls {
  options(connector: string, source: string): OptionLoader | undefined;
  action(connector: string, operation: string): ActionImpl<unknown> | undefined;
  trigger(connector: string, operation: string): TriggerImpl | undefined;
}

/** The behaviour behind shared/connectors' descriptors, by connector id. */
export function createConnectorImpls(
  impls: readonly ConnectorImpl[] = BUILTIN_IMPLS,
): ConnectorImpls {
  const byId = new Map(impls.map((c) => [c.id, c]));
  return {
    action: (c, op) => byId.get(c)?.actions[op] as ActionImpl<unknown> | undefined,
    trigger: (c, op) => byId.get(c)?.triggers[op],
    options: (c, source) => byId.get(c)?.options?.[source],
  };
}

/** Fired by the scheduler from shared/workflow/schedule, not polled: it has no behaviour here. */
const scheduleImpl: ConnectorImpl = {
  id: 'schedule',
  triggers: { every: { kind: 'schedule' } },
  actions: {},
};

/** Pushed by the loopback server (server/hooks.ts, server/forms.ts), not polled. */
const incomingWebhookImpl: ConnectorImpl = {
  id: 'webhook_in',
  triggers: { receive: { kind: 'webhook' } },
  actions: {},
};
const formImpl: ConnectorImpl = {
  id: 'form',
  triggers: { submission: { kind: 'form' } },
  actions: {},
};

export const BUILTIN_IMPLS: readonly ConnectorImpl[] = [
  manualImpl,
  scheduleImpl,
  debugImpl,
  googleImpl,
  incomingWebhookImpl,
  formImpl,
  httpImpl,
  emailImpl,
  outgoingWebhookImpl,
  ...CATALOGUE_IMPLS,
];
