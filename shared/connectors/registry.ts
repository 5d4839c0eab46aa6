import { debugConnector, manualConnector } from './builtin';
import { emailConnector } from './email';
import { CATALOGUE_DESCRIPTORS } from './catalogue';
import { formConnector } from './form';
import { googleConnector } from './google';
import { httpConnector } from './http';
import { scheduleConnector } from './schedule';
import { incomingWebhookConnector } from './webhook-in';
import { outgoingWebhookConnector } from './webhook-out';
import type { ActionDescriptor, ConnectorDescriptor, TriggerDescriptor } from './types';

/** Every connector the app knows. A connector added here appears in the palette and inspector. */
export const CONNECTORS: readonly ConnectorDescriptor[] = [
  manualConnector,
  scheduleConnector,
  debugConnector,
  googleConnector,
  incomingWebhookConnector,
  formConnector,
  httpConnector,
  emailConnector,
  outgoingWebhookConnector,
  ...CATALOGUE_DESCRIPTORS,
];

export interface DescriptorLookup {
  connector(id: string): ConnectorDescriptor | undefined;
  trigger(connector: string, operation: string): TriggerDescriptor | undefined;
  action(connector: string, operation: string): ActionDescriptor | undefined;
}

export function createDescriptorLookup(
  connectors: readonly ConnectorDescriptor[] = CONNECTORS,
): DescriptorLookup {
  const byId = new Map(connectors.map((c) => [c.id, c]));
  return {
    connector: (id) => byId.get(id),
    trigger: (c, op) => byId.get(c)?.triggers.find((t) => t.id === op),
    action: (c, op) => byId.get(c)?.actions.find((a) => a.id === op),
  };
}

export const descriptors = createDescriptorLookup();
