import { EmptyState } from '../components/EmptyState';
import { HealthIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';

export function HealthPage() {
  return (
    <div className="page">
      <PageHeader
        title="Health"
        description="Connections, background jobs and the run queue at a glance."
      />
      <EmptyState icon={<HealthIcon />} title="Nothing to report yet">
        <p>
          Once workflows are running, this page shows connections that need attention, failed runs
          waiting for a replay, and how the background jobs are doing.
        </p>
      </EmptyState>
    </div>
  );
}
