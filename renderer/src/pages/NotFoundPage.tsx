import { Link } from 'wouter';
import { EmptyState } from '../components/EmptyState';

export function NotFoundPage() {
  return (
    <div className="page">
      <EmptyState
        title="There is nothing here"
        action={
          <Link to="/" className="button">
            Go to workflows
          </Link>
        }
      >
        <p>The address does not match any page of Switchyard.</p>
      </EmptyState>
    </div>
  );
}
