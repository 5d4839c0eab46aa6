import type { ConnectionSummary } from '@shared/ipc/contract';
import { Badge, type BadgeTone } from '../../components/Badge';

const STATUS_LABELS: Record<ConnectionSummary['status'], { label: string; tone: BadgeTone }> = {
  ok: { label: 'Connected', tone: 'success' },
  needs_reconnect: { label: 'Needs reconnect', tone: 'warning' },
  error: { label: 'Error', tone: 'danger' },
  unchecked: { label: 'Not checked yet', tone: 'neutral' },
};

export function ConnectionStatusBadge({ status }: { status: ConnectionSummary['status'] }) {
  const { label, tone } = STATUS_LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
