import { Link } from 'wouter';
import type { LedgerRow } from '@shared/runs';
import type { LedgerOutcome } from '@shared/workflow/states';
import { Badge, type BadgeTone } from '../../components/Badge';
import { formatDateTime } from '../run-format';

const OUTCOMES: Record<LedgerOutcome, { label: string; tone: BadgeTone }> = {
  fired: { label: 'Fired', tone: 'success' },
  duplicate: { label: 'Duplicate', tone: 'neutral' },
  baseline: { label: 'Baseline', tone: 'info' },
  filtered: { label: 'Filtered out', tone: 'neutral' },
  not_settled: { label: 'Not settled', tone: 'warning' },
  own_write: { label: 'Own write', tone: 'neutral' },
};

/** What the trigger saw of this run's item, poll by poll, and why it fired or not. */
export function LedgerTable({ ledger, runId }: { ledger: LedgerRow[]; runId: number }) {
  if (ledger.length === 0)
    return (
      <p className="muted">
        This run was started by hand or by a webhook, so no poll recorded its item.
      </p>
    );
  return (
    <table className="table" aria-label="Trigger ledger">
      <thead>
        <tr>
          <th>Seen</th>
          <th>Item</th>
          <th>Outcome</th>
          <th>Why</th>
          <th>Run</th>
        </tr>
      </thead>
      <tbody>
        {ledger.map((row) => (
          <tr key={row.id}>
            <td className="nowrap">{formatDateTime(row.seenAt)}</td>
            <td>
              <code>{row.itemId}</code>
            </td>
            <td>
              <Badge tone={OUTCOMES[row.outcome].tone}>{OUTCOMES[row.outcome].label}</Badge>
            </td>
            <td>{row.reason}</td>
            <td>
              {row.runId === null ? (
                '—'
              ) : row.runId === runId ? (
                'this run'
              ) : (
                <Link to={`/runs/${row.runId}`}>#{row.runId}</Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
