import type { RunState } from '@shared/workflow/states';
import { Badge } from '../components/Badge';
import { RUN_STATE_LABELS } from './run-format';

export function RunStateBadge({ state }: { state: RunState }) {
  const { label, tone } = RUN_STATE_LABELS[state];
  return <Badge tone={tone}>{label}</Badge>;
}
