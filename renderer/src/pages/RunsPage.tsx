import { EmptyState } from '../components/EmptyState';
import { RunsIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';

export function RunsPage() {
  return (
    <div className="page">
      <PageHeader
        title="Runs"
        description="Every time a workflow runs, with each step's input and output."
      />
      <EmptyState icon={<RunsIcon />} title="No runs yet">
        <p>
          Runs appear here when a workflow runs. Each one records what triggered it, what every step
          did, and any retries — so you can see why something happened and replay it.
        </p>
      </EmptyState>
    </div>
  );
}
