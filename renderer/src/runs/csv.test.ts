import { describe, expect, it } from 'vitest';
import type { RunSummary } from '@shared/runs';
import { csvField, csvHeader, csvLines, exportFileName } from './csv';

const run = (over: Partial<RunSummary> = {}): RunSummary => ({
  id: 7,
  workflowId: 'wf',
  workflowName: 'Leads',
  workflowVersion: 2,
  state: 'failed',
  test: false,
  dryRun: false,
  triggerItemId: 'row-7',
  summary: 'Ada',
  retries: 1,
  replayOf: null,
  createdAt: '2025-01-01T10:00:00.000Z',
  startedAt: '2025-01-01T10:00:01.000Z',
  finishedAt: null,
  durationMs: null,
  dueAt: null,
  outcome: null,
  error: { code: 'invalid_input', message: 'bad', retryable: false, step: 'crm' },
  ...over,
});

describe('CSV export', () => {
  it('leaves plain values as they are and empties null', () => {
    expect(csvField('Leads')).toBe('Leads');
    expect(csvField(42)).toBe('42');
    expect(csvField(false)).toBe('false');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('Smith, Ada')).toBe('"Smith, Ada"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    // Numbers are numbers, not formulas.
    expect(csvField(-2)).toBe('-2');
  });

  it('writes one header line and one line per run, with CRLF endings', () => {
    const text =
      csvHeader() + csvLines([run(), run({ id: 8, summary: 'Grace, "G"', error: null })]);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'id,workflow_id,workflow,workflow_version,state,test,trigger_item_id,summary,retries,replay_of,created_at,started_at,finished_at,duration_ms,outcome,error_code,error_step,error_message',
    );
    expect(lines[1]).toBe(
      '7,wf,Leads,2,failed,false,row-7,Ada,1,,2025-01-01T10:00:00.000Z,2025-01-01T10:00:01.000Z,,,,invalid_input,crm,bad',
    );
    expect(lines[2]).toContain(',"Grace, ""G""",');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('names files by format and time', () => {
    expect(exportFileName('csv', new Date('2025-03-04T05:06:07Z'))).toBe(
      'switchyard-runs-2025-03-04-05-06-07.csv',
    );
  });
});
