import type { RunSummary } from '@shared/runs';

export type ExportFormat = 'csv' | 'json';

/** The columns of a CSV export, in order; one run per line. */
export const CSV_COLUMNS: readonly { header: string; value: (run: RunSummary) => unknown }[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'workflow_id', value: (r) => r.workflowId },
  { header: 'workflow', value: (r) => r.workflowName },
  { header: 'workflow_version', value: (r) => r.workflowVersion },
  { header: 'state', value: (r) => r.state },
  { header: 'test', value: (r) => r.test },
  { header: 'trigger_item_id', value: (r) => r.triggerItemId },
  { header: 'summary', value: (r) => r.summary },
  { header: 'retries', value: (r) => r.retries },
  { header: 'replay_of', value: (r) => r.replayOf },
  { header: 'created_at', value: (r) => r.createdAt },
  { header: 'started_at', value: (r) => r.startedAt },
  { header: 'finished_at', value: (r) => r.finishedAt },
  { header: 'duration_ms', value: (r) => r.durationMs },
  { header: 'outcome', value: (r) => r.outcome },
  { header: 'error_code', value: (r) => r.error?.code },
  { header: 'error_step', value: (r) => r.error?.step },
  { header: 'error_message', value: (r) => r.error?.message },
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, so an exported trigger value cannot execute anything when the file is opened.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = () => CSV_COLUMNS.map((c) => c.header).join(',') + '\r\n';

export const csvLines = (runs: readonly RunSummary[]) =>
  runs.map((run) => CSV_COLUMNS.map((c) => csvField(c.value(run))).join(',') + '\r\n').join('');

export const exportFileName = (format: ExportFormat, now: Date) =>
  `switchyard-runs-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${format}`;
