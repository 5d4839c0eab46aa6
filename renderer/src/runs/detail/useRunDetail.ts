import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunDetail } from '@shared/runs';
import type { Workflow } from '@shared/workflow/schema';
import { api, unwrap } from '../../api/client';
import { toApiError, type ApiError } from '../../api/errors';

export interface RunDetailState {
  run: RunDetail | null;
  /** The workflow as it is now, for step names; null when it was deleted. */
  workflow: Workflow | null;
  error: ApiError | null;
  reload: () => void;
}

/** One run with its steps and ledger, fetched again whenever the engine reports its runs changed. */
export function useRunDetail(id: number): RunDetailState {
  const [run, setRun] = useState<RunDetail | null>(null);
  const [workflow, setWorkflow] = useState<Workflow | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  const workflowId = useRef<string | null>(null);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const detail = unwrap(await api.call('runs:get', { id }));
      if (ticket !== latest.current) return;
      setRun(detail);
      setError(null);
      if (workflowId.current !== detail.workflowId) {
        workflowId.current = detail.workflowId;
        const wf = await api.call('workflows:get', { id: detail.workflowId });
        if (ticket === latest.current) setWorkflow(wf.ok ? wf.value : null);
      }
    } catch (caught) {
      if (ticket === latest.current) setError(toApiError(caught));
    }
  }, [id]);

  useEffect(() => {
    // The page is keyed by run id, so this effect never has another run's state to clear.
    const first = async () => load();
    void first();
    return api.onEvent((event) => {
      if (event.type === 'workflow.saved' && event.id === workflowId.current) {
        workflowId.current = null; // step names may have changed
        void load();
      }
      if (event.type !== 'runs.changed') return;
      const wf = workflowId.current;
      if (event.workflowIds.length === 0 || (wf && event.workflowIds.includes(wf))) void load();
    });
  }, [load]);

  return { run, workflow, error, reload: () => void load() };
}
