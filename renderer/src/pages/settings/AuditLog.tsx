import { useEffect, useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useNow } from '../../hooks/useNow';
import { relativeTime } from '../../lib/relative-time';
import { formatDateTime } from '../../runs/run-format';
import { reportError } from '../../stores/notices';
import { useWorkflowsStore } from '../../stores/workflows';
import { describeAudit, type AuditDomain, type AuditRecord } from './audit-text';

const DOMAINS: { value: AuditDomain | ''; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'workflows', label: 'Workflows' },
  { value: 'connections', label: 'Connections' },
  { value: 'runs', label: 'Runs' },
  { value: 'settings', label: 'Settings' },
];

const PAGE = 50;

interface Shown {
  domain: AuditDomain | '';
  entries: AuditRecord[];
  cursor: number | null;
  status: 'loading' | 'ready' | 'failed';
}

/** What the operator changed, newest first, a page at a time. Never shows a secret: none is stored. */
export function AuditLog() {
  const [domain, setDomain] = useState<AuditDomain | ''>('');
  const [shown, setShown] = useState<Shown>({
    domain,
    entries: [],
    cursor: null,
    status: 'loading',
  });
  const [before, setBefore] = useState<number | null>(null);
  const workflows = useWorkflowsStore((s) => s.workflows);
  const names = useMemo(() => new Map(workflows.map((w) => [w.id, w.name])), [workflows]);
  const now = useNow();

  const choose = (next: AuditDomain | '') => {
    setDomain(next);
    setBefore(null);
    setShown({ domain: next, entries: [], cursor: null, status: 'loading' });
  };

  useEffect(() => {
    let live = true;
    const fetchPage = async () => {
      try {
        const page = unwrap(
          await api.call('audit:list', {
            limit: PAGE,
            ...(domain ? { domain } : {}),
            ...(before ? { before } : {}),
          }),
        );
        if (!live) return;
        setShown((s) =>
          s.domain !== domain
            ? s
            : {
                domain,
                entries: before ? [...s.entries, ...page.entries] : page.entries,
                cursor: page.nextCursor,
                status: 'ready',
              },
        );
      } catch (error) {
        if (!live) return;
        setShown((s) => ({ ...s, status: 'failed' }));
        reportError(error, 'Could not load the activity log');
      }
    };
    void fetchPage();
    return () => {
      live = false;
    };
  }, [domain, before]);

  useEffect(() => {
    void useWorkflowsStore.getState().load();
  }, []);

  const { entries, cursor, status } = shown;
  return (
    <div className="audit">
      <div className="audit-toolbar">
        <label className="check">
          Show
          <select
            className="input select"
            value={domain}
            onChange={(e) => choose(e.target.value as AuditDomain | '')}
            aria-label="Show changes to"
          >
            {DOMAINS.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {status === 'loading' && entries.length === 0 ? (
        <p className="muted" role="status">
          Loading activity…
        </p>
      ) : entries.length === 0 ? (
        <p className="muted">
          Nothing recorded yet. Every change you make — workflows saved, enabled or deleted,
          connections removed, settings changed, runs replayed — is listed here.
        </p>
      ) : (
        <ol className="audit-list" aria-label="Activity">
          {entries.map((entry) => (
            <li key={entry.id} className="audit-row" data-testid="audit-entry">
              <time dateTime={entry.at} title={formatDateTime(entry.at)} className="audit-time">
                {relativeTime(entry.at, now)}
              </time>
              <span className="audit-text">{describeAudit(entry, names)}</span>
              <code className="audit-channel">{entry.channel}</code>
            </li>
          ))}
        </ol>
      )}
      {cursor !== null && (
        <button type="button" className="button audit-more" onClick={() => setBefore(cursor)}>
          Show older
        </button>
      )}
    </div>
  );
}
