import type { ConnectionHealthState } from '@shared/ipc/contract';
import { Badge, type BadgeTone } from '../../components/Badge';

export const CONNECTION_STATES: Record<ConnectionHealthState, { label: string; tone: BadgeTone }> =
  {
    ok: { label: 'Connected', tone: 'success' },
    expiring: { label: 'Expiring', tone: 'warning' },
    needs_reconnect: { label: 'Needs reconnect', tone: 'warning' },
    rate_limited: { label: 'Rate limited', tone: 'info' },
    error: { label: 'Error', tone: 'danger' },
    unchecked: { label: 'Not checked yet', tone: 'neutral' },
  };

/** Those that need the operator first: the order of lists in Health and Connections. */
export const STATE_ORDER: Record<ConnectionHealthState, number> = {
  needs_reconnect: 0,
  error: 1,
  expiring: 2,
  rate_limited: 3,
  unchecked: 4,
  ok: 5,
};

export function ConnectionStatusBadge({ status }: { status: ConnectionHealthState }) {
  const { label, tone } = CONNECTION_STATES[status];
  return <Badge tone={tone}>{label}</Badge>;
}
