import type { ConnectorCategory } from '@shared/connectors/types';

export const CATEGORY_LABELS: Record<ConnectorCategory | 'logic', string> = {
  builtin: 'Built-in',
  google: 'Google',
  email: 'Email',
  webhooks: 'Webhooks',
  crm: 'CRM',
  messaging: 'Messaging',
  calendar: 'Calendar',
  accounting: 'Accounting',
  cloud: 'Cloud',
  developer: 'Developer tools',
  logic: 'Logic',
};

/** Groups in order of first appearance, so the palette follows the registry's order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups];
}
