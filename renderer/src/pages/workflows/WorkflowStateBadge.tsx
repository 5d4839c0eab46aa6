import type { WorkflowState } from '@shared/workflow/schema';
import { Badge, type BadgeTone } from '../../components/Badge';

const STATE_LABELS: Record<WorkflowState, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  active: { label: 'Active', tone: 'success' },
  disabled: { label: 'Disabled', tone: 'neutral' },
  on_hold: { label: 'On hold', tone: 'warning' },
  paused: { label: 'Paused', tone: 'danger' },
};

export function WorkflowStateBadge({ state }: { state: WorkflowState }) {
  const { label, tone } = STATE_LABELS[state];
  return <Badge tone={tone}>{label}</Badge>;
}
