import { useRef, useState } from 'react';
import type { RunFilter } from '@shared/runs';
import { reportError } from '../stores/notices';
import { downloadText, exportRuns, type ExportFormat, type ExportProgress } from './export';
import { exportFileName } from './csv';
import { formatCount } from './run-format';

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
};

/** Export CSV / Export JSON of the filtered runs, fetched in pages with a progress line. */
export function ExportRuns({ filter }: { filter: RunFilter }) {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async (format: ExportFormat) => {
    const controller = new AbortController();
    abort.current = controller;
    try {
      const text = await exportRuns(filter, format, setProgress, controller.signal);
      downloadText(text, exportFileName(format, new Date()), TYPES[format]);
    } catch (error) {
      if (!controller.signal.aborted) reportError(error, 'Could not export the runs');
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  if (progress)
    return (
      <div className="export-progress" role="status">
        <progress max={Math.max(progress.total, 1)} value={progress.done} />
        <span>
          Exporting {formatCount(progress.done)} of {formatCount(progress.total)}…
        </span>
        <button type="button" className="button" onClick={() => abort.current?.abort()}>
          Stop
        </button>
      </div>
    );

  return (
    <div className="button-group" role="group" aria-label="Export">
      <button type="button" className="button" onClick={() => void run('csv')}>
        Export CSV
      </button>
      <button type="button" className="button" onClick={() => void run('json')}>
        Export JSON
      </button>
    </div>
  );
}
