import type { RunFilter } from '@shared/runs';
import { api, unwrap } from '../api/client';
import { csvHeader, csvLines } from './csv';

import type { ExportFormat } from './csv';

export type { ExportFormat } from './csv';

export interface ExportProgress {
  done: number;
  total: number;
}

const EXPORT_PAGE = 500;

/**
 * Every run the filter matches, fetched page by page (never in one answer), as the text of a
 * CSV or JSON file. `onProgress` follows along; aborting the signal stops between pages.
 */
export async function exportRuns(
  filter: RunFilter,
  format: ExportFormat,
  onProgress: (progress: ExportProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  const { count: total } = unwrap(await api.call('runs:count', filter));
  const parts: string[] = [format === 'csv' ? csvHeader() : '[\n'];
  let done = 0;
  let before: number | undefined;
  onProgress({ done, total });
  for (;;) {
    signal?.throwIfAborted();
    const page = unwrap(
      await api.call('runs:list', { ...filter, limit: EXPORT_PAGE, ...(before ? { before } : {}) }),
    );
    if (format === 'csv') parts.push(csvLines(page.runs));
    else
      for (const run of page.runs)
        parts.push(`${done++ === 0 ? '' : ',\n'}  ${JSON.stringify(run)}`);
    if (format === 'csv') done += page.runs.length;
    onProgress({ done, total: Math.max(total, done) });
    if (page.nextCursor === null) break;
    before = page.nextCursor;
  }
  if (format === 'json') parts.push('\n]\n');
  return parts.join('');
}

/** Hands a file to the browser's download (the desktop app shows its save dialog). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
