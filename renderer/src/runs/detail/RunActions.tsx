import { useState } from 'react';
import { useLocation } from 'wouter';
import type { RunDetail } from '@shared/runs';
import { CANCELLABLE_RUN_STATES } from '@shared/workflow/states';
import { api, unwrap } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { reportError } from '../../stores/notices';

const REPLAYABLE = new Set(['succeeded', 'failed', 'cancelled', 'interrupted']);

export function useReplay(run: RunDetail, onMessage: (text: string) => void) {
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const replay = async (from: 'start' | 'failed_step') => {
    setBusy(true);
    try {
      const result = unwrap(await api.call('runs:replay', { runIds: [run.id], from }));
      const done = result.replayed[0];
      if (done) navigate(`/runs/${done.replayId}`);
      else onMessage(`Not replayed: ${result.skipped[0]?.reason ?? 'the engine refused it'}.`);
    } catch (error) {
      reportError(error, `Could not replay run #${run.id}`);
    } finally {
      setBusy(false);
    }
  };
  return { replay, busy };
}

/** Replay from the start or from the failed step, and cancel while the run has not finished. */
export function RunActions({
  run,
  onMessage,
  onChanged,
}: {
  run: RunDetail;
  onMessage: (text: string) => void;
  onChanged: () => void;
}) {
  const { replay, busy } = useReplay(run, onMessage);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  const cancel = async () => {
    setCancelling(true);
    try {
      const result = unwrap(await api.call('runs:cancel', { runIds: [run.id] }));
      if (result.cancelled.length === 0)
        onMessage(`Not cancelled: ${result.skipped[0]?.reason ?? 'the run moved on'}.`);
      onChanged();
    } catch (error) {
      reportError(error, `Could not cancel run #${run.id}`);
    } finally {
      setCancelling(false);
      setConfirmCancel(false);
    }
  };

  return (
    <>
      {CANCELLABLE_RUN_STATES.includes(run.state) && (
        <button type="button" className="button" onClick={() => setConfirmCancel(true)}>
          Cancel run
        </button>
      )}
      {run.state === 'failed' && run.error?.step && (
        <button
          type="button"
          className="button button-primary"
          onClick={() => void replay('failed_step')}
          disabled={busy}
        >
          Replay from failed step
        </button>
      )}
      {REPLAYABLE.has(run.state) && (
        <button
          type="button"
          className={run.state === 'failed' ? 'button' : 'button button-primary'}
          onClick={() => void replay('start')}
          disabled={busy}
        >
          Replay from start
        </button>
      )}
      {confirmCancel && (
        <ConfirmDialog
          title={`Cancel run #${run.id}?`}
          confirmLabel="Cancel run"
          danger
          busy={cancelling}
          onConfirm={() => void cancel()}
          onCancel={() => setConfirmCancel(false)}
        >
          <p>The run will not be attempted again. You can still replay it later.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
