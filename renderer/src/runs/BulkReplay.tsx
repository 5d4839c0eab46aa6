import { useState } from 'react';
import type { RunFilter } from '@shared/runs';
import { api, unwrap } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { reportError } from '../stores/notices';
import { plural } from './run-format';

interface BulkReplayProps {
  filter: RunFilter;
  onDone: (message: string) => void;
}

/** "Replay…": counts what the filter matches, says how many, and replays them all on confirm. */
export function BulkReplay({ filter, onDone }: BulkReplayProps) {
  const [count, setCount] = useState<number | null>(null);
  const [from, setFrom] = useState<'start' | 'failed_step'>('failed_step');
  const [busy, setBusy] = useState(false);

  const ask = async () => {
    setBusy(true);
    try {
      setCount(unwrap(await api.call('runs:count', filter)).count);
    } catch (error) {
      reportError(error, 'Could not count the runs to replay');
    } finally {
      setBusy(false);
    }
  };

  const replay = async () => {
    setBusy(true);
    try {
      const result = unwrap(await api.call('runs:replay', { filter, from }));
      const skipped = result.skipped.length;
      onDone(
        `Replayed ${plural(result.replayed.length, 'run')}` +
          (skipped > 0
            ? `; ${plural(skipped, 'run')} skipped (${result.skipped[0]!.reason}).`
            : '.'),
      );
      setCount(null);
    } catch (error) {
      reportError(error, 'Could not replay the runs');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => void ask()} disabled={busy}>
        Replay filtered…
      </button>
      {count !== null && (
        <ConfirmDialog
          title={count === 0 ? 'No runs to replay' : `Replay ${plural(count, 'run')}?`}
          confirmLabel={count === 0 ? 'Close' : `Replay ${plural(count, 'run')}`}
          busy={busy}
          onConfirm={() => (count === 0 ? setCount(null) : void replay())}
          onCancel={() => setCount(null)}
        >
          {count === 0 ? (
            <p>No runs match the current filters.</p>
          ) : (
            <>
              <p>
                Each of the {plural(count, 'run')} matching the current filters runs again as a new
                run. The original runs stay in the log.
              </p>
              <fieldset className="replay-from">
                <legend className="sr-only">Replay from</legend>
                <label className="check">
                  <input
                    type="radio"
                    name="replay-from"
                    checked={from === 'failed_step'}
                    onChange={() => setFrom('failed_step')}
                  />
                  From the failed step (completed steps are reused)
                </label>
                <label className="check">
                  <input
                    type="radio"
                    name="replay-from"
                    checked={from === 'start'}
                    onChange={() => setFrom('start')}
                  />
                  From the start
                </label>
              </fieldset>
            </>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
