import { describe, expect, it } from 'vitest';
import { describeAudit, type AuditRecord } from './audit-text';

const entry = (channel: string, detail: Record<string, unknown>, target: string | null = 'wf1') =>
  ({ id: 1, at: '2025-01-01T00:00:00Z', channel, target, detail }) satisfies AuditRecord;
const names = new Map([['wf1', 'Leads']]);

describe('describeAudit', () => {
  it('names the saved version and the fields that changed', () => {
    expect(
      describeAudit(
        entry('workflows:save', {
          action: 'saved',
          name: 'Leads',
          version: 3,
          fields: ['definition', 'name'],
        }),
        names,
      ),
    ).toBe('Workflow “Leads” saved (version 3): definition, name');
  });

  it('looks up the workflow name when the entry has only its id', () => {
    expect(describeAudit(entry('workflows:run', { action: 'run', runId: 12 }), names)).toBe(
      'Workflow “Leads” run by hand (run #12)',
    );
  });

  it('says how many runs a bulk replay touched', () => {
    expect(
      describeAudit(
        entry('runs:replay', { action: 'replayed', from: 'start', replayed: 50, skipped: 0 }, null),
        names,
      ),
    ).toBe('Replayed 50 runs from the start');
  });

  it('describes a settings change by its keys', () => {
    expect(
      describeAudit(entry('settings:set', { action: 'changed', keys: ['theme'] }, null), names),
    ).toBe('Settings changed: theme');
    expect(
      describeAudit(
        entry('desktop:set', { action: 'changed', keys: ['closeToTray', 'quietHours'] }, null),
        names,
      ),
    ).toBe('Desktop settings changed: closeToTray, quietHours');
  });

  it('still says something for a channel it does not know', () => {
    expect(describeAudit(entry('things:poke', { action: 'poked' }, 'x1'), names)).toBe(
      'Things x1: poked',
    );
  });
});
