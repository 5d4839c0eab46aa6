import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { StatsRange } from '@shared/runs';
import { EmptyState } from '../components/EmptyState';
import { HealthIcon, WorkflowsIcon } from '../components/icons';
import { LoadFailed } from '../components/LoadFailed';
import { PageHeader } from '../components/PageHeader';
import { ConnectionsSummary } from '../health/ConnectionsSummary';
import { sortRows, totalRuns } from '../health/health-model';
import { RangePicker } from '../health/RangePicker';
import { RunsChart } from '../health/RunsChart';
import { StatTiles } from '../health/StatTiles';
import { useHealth } from '../health/useHealth';
import { WorkflowHealthCard } from '../health/WorkflowHealthCard';
import { WorkflowsByState } from '../health/WorkflowsByState';
import { useNow } from '../hooks/useNow';
import { useConnectionsStore } from '../stores/connections';
import { StorageCard } from '../storage/StorageCard';

const RANGE_WORDS: Record<StatsRange, string> = {
  '24h': 'the last 24 hours',
  '7d': 'the last 7 days',
  '30d': 'the last 30 days',
};

export function HealthPage() {
  const [range, setRange] = useState<StatsRange>('24h');
  const { data, failed, reload } = useHealth(range);
  const connections = useConnectionsStore((s) => s.connections);
  const connectionHealth = useConnectionsStore((s) => s.health);
  const connectionsStatus = useConnectionsStore((s) => s.status);
  const now = useNow();

  useEffect(() => {
    void useConnectionsStore.getState().load();
  }, []);

  const header = (
    <PageHeader
      title="Health"
      description="Which workflows need you, how runs went, and what is waiting in the queue."
      actions={
        data && data.rows.length > 0 ? <RangePicker value={range} onChange={setRange} /> : undefined
      }
    />
  );

  if (!data)
    return (
      <div className="page">
        {header}
        <StorageCard shows="full" />
        {failed ? (
          <LoadFailed what="the health figures" onRetry={() => void reload()} />
        ) : (
          <p className="loading" role="status">
            Loading health…
          </p>
        )}
      </div>
    );

  if (data.rows.length === 0)
    return (
      <div className="page">
        {header}
        <StorageCard shows="full" />
        <EmptyState
          icon={<WorkflowsIcon />}
          title="No workflows yet"
          action={
            <Link to="/" className="button button-primary">
              Create a workflow
            </Link>
          }
        >
          <p>
            Health shows how each workflow is doing — failures in plain language with the fix, the
            run queue, retries waiting — once there is a workflow to watch.
          </p>
        </EmptyState>
      </div>
    );

  const { overview } = data;
  const rows = sortRows(data.rows);
  const noRuns = totalRuns(overview) === 0 && overview.queueDepth === 0;

  return (
    <div className="page page-wide">
      {header}
      <StorageCard shows="full" />
      <WorkflowsByState rows={data.rows} />
      <section className="card" aria-labelledby="health-runs">
        <h2 id="health-runs" className="card-title">
          Runs in {RANGE_WORDS[range]}
        </h2>
        <StatTiles stats={overview} />
        {noRuns ? (
          <EmptyState icon={<HealthIcon />} title="No runs yet">
            <p>
              Enable a workflow or start a test run from its canvas; its runs and failures are
              charted here.
            </p>
          </EmptyState>
        ) : (
          <RunsChart stats={overview} range={range} />
        )}
      </section>
      <section aria-labelledby="health-workflows" className="health-section">
        <h2 id="health-workflows" className="health-section-title">
          Workflows
        </h2>
        <ul className="health-list" aria-label="Workflow health">
          {rows.map((row) => (
            <WorkflowHealthCard key={row.id} row={row} now={now} onChanged={() => void reload()} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="health-connections" className="health-section">
        <h2 id="health-connections" className="health-section-title">
          Connections
        </h2>
        {connectionsStatus === 'ready' || connections.length > 0 ? (
          <ConnectionsSummary connections={connections} health={connectionHealth} now={now} />
        ) : (
          <p className="loading" role="status">
            Loading connections…
          </p>
        )}
      </section>
      <StorageCard shows="ok" />
    </div>
  );
}
