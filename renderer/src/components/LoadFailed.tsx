import { EmptyState } from './EmptyState';

/** Shown instead of an empty list when the list could not be loaded at all. */
export function LoadFailed({ what, onRetry }: { what: string; onRetry: () => void }) {
  return (
    <EmptyState
      title={`Could not load ${what}`}
      action={
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      }
    >
      <p>The reason is in the message on screen.</p>
    </EmptyState>
  );
}
