/** One audit_log entry as the engine returns it. */
export interface AuditRecord {
  id: number;
  at: string;
  channel: string;
  target: string | null;
  detail: Record<string, unknown>;
}

export type AuditDomain = 'workflows' | 'connections' | 'settings' | 'runs';

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const list = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const quoted = (name: string | null, fallback: string) => (name ? `“${name}”` : fallback);
const runs = (n: unknown) => {
  const count = Array.isArray(n) ? n.length : typeof n === 'number' ? n : 0;
  return `${count} run${count === 1 ? '' : 's'}`;
};

/**
 * What an audit entry says in words: 'Workflow “Leads” saved (version 3): definition, name'.
 * `names` resolves workflow ids for entries that record only the id (a manual run).
 */
export function describeAudit(entry: AuditRecord, names: ReadonlyMap<string, string>): string {
  const d = entry.detail;
  const action = str(d.action);
  const name = str(d.name) ?? (entry.target ? (names.get(entry.target) ?? null) : null);
  const workflow = `Workflow ${quoted(name, entry.target ? `“${entry.target}”` : '')}`.trim();
  switch (entry.channel) {
    case 'workflows:save': {
      const fields = list(d.fields);
      if (action === 'created') return `${workflow} created`;
      return `${workflow} saved (version ${str(d.version) ?? '?'})${fields.length ? `: ${fields.join(', ')}` : ''}`;
    }
    case 'workflows:delete':
      return `${workflow} deleted`;
    case 'workflows:enable':
      return `${workflow} enabled`;
    case 'workflows:disable':
      return `${workflow} disabled`;
    case 'workflows:restore':
      return `${workflow} restored from version ${str(d.from) ?? '?'} as version ${str(d.version) ?? '?'}`;
    case 'workflows:run':
      return `${workflow} run by hand (run #${str(d.runId) ?? '?'})`;
    case 'workflows:import':
      return `${workflow} imported`;
    case 'runs:replay': {
      const from = d.from === 'failed_step' ? 'from the failed step' : 'from the start';
      const skipped =
        typeof d.skipped === 'number' && d.skipped > 0 ? `, ${runs(d.skipped)} skipped` : '';
      return `Replayed ${runs(d.replayed)} ${from}${skipped}`;
    }
    case 'runs:cancel':
      return `Cancelled ${runs(d.runs)}`;
    case 'connections:delete':
      return `Connection ${quoted(name, 'a connection')}${str(d.kind) ? ` (${str(d.kind)})` : ''} removed`;
    case 'settings:set': {
      const keys = list(d.keys);
      return `Settings changed${keys.length ? `: ${keys.join(', ')}` : ''}`;
    }
    case 'desktop:set': {
      const keys = list(d.keys);
      return `Desktop settings changed${keys.length ? `: ${keys.join(', ')}` : ''}`;
    }
    default: {
      const [domain = entry.channel, verb = ''] = entry.channel.split(':');
      const subject = name ? ` ${quoted(name, '')}` : entry.target ? ` ${entry.target}` : '';
      return `${domain[0]!.toUpperCase()}${domain.slice(1)}${subject}: ${action ?? verb}`;
    }
  }
}
