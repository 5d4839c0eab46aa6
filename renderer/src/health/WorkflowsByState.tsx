import type { WorkflowHealth, WorkflowHealthRow } from './health-model';
import { HEALTH_LABELS } from './health-model';

const SHOWN: WorkflowHealth[] = ['active', 'failing', 'on_hold', 'paused'];

/** Active / failing / on hold / paused counts; "failing" counts active workflows whose last run failed. */
export function WorkflowsByState({ rows }: { rows: WorkflowHealthRow[] }) {
  const counts = new Map<WorkflowHealth, number>();
  for (const row of rows) counts.set(row.health, (counts.get(row.health) ?? 0) + 1);
  const others = rows.length - SHOWN.reduce((n, h) => n + (counts.get(h) ?? 0), 0);
  return (
    <dl className="state-counts" aria-label="Workflows by state">
      {SHOWN.map((health) => {
        const n = counts.get(health) ?? 0;
        const { label, tone } = HEALTH_LABELS[health];
        return (
          <div key={health} className={n > 0 ? `state-count badge-${tone}` : 'state-count is-zero'}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        );
      })}
      <div className="state-count is-zero">
        <dt>Draft or disabled</dt>
        <dd>{others}</dd>
      </div>
    </dl>
  );
}
