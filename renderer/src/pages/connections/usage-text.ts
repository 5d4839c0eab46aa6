import type { ConnectionHealth } from '@shared/ipc/contract';

const count = (n: number) => n.toLocaleString('en-US');

/** "42 requests of 10,000 a day (60 a minute)", or what is known of it. */
export function usageText(health: ConnectionHealth | undefined): string {
  if (!health) return '—';
  const used = `${count(health.requestsToday)} ${health.requestsToday === 1 ? 'request' : 'requests'}`;
  const { perDay, perMinute } = health.limits ?? {};
  const day = perDay !== undefined ? ` of ${count(perDay)} a day` : '';
  const minute = perMinute !== undefined ? ` (at most ${count(perMinute)} a minute)` : '';
  return `${used}${day}${minute}`;
}
