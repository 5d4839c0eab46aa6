import { useEffect, useState, type RefObject } from 'react';
import type { RunState } from '@shared/workflow/states';
import type { ConnectionSummary } from '@shared/ipc/contract';
import type { WorkflowSummary } from '@shared/workflow/schema';
import { RANGE_LABELS, type RunFilterForm, type TimeRange } from './run-filters';

/** The state choices of the filter; a choice may stand for several states. */
export const STATE_CHOICES: { value: string; label: string; states: RunState[] }[] = [
  { value: '', label: 'All states', states: [] },
  { value: 'failed', label: 'Failed', states: ['failed'] },
  { value: 'succeeded', label: 'Succeeded', states: ['succeeded'] },
  {
    value: 'unfinished',
    label: 'Not finished',
    states: ['queued', 'running', 'retrying', 'on_hold', 'interrupted'],
  },
  { value: 'retrying', label: 'Retrying', states: ['retrying'] },
  { value: 'on_hold', label: 'On hold', states: ['on_hold'] },
  { value: 'queued', label: 'Queued', states: ['queued'] },
  { value: 'cancelled', label: 'Cancelled', states: ['cancelled'] },
];

const choiceOf = (states: RunState[]) =>
  STATE_CHOICES.find(
    (c) => c.states.length === states.length && c.states.every((s) => states.includes(s)),
  )?.value ?? '';

const TEXT_DEBOUNCE_MS = 250;

interface RunFiltersProps {
  form: RunFilterForm;
  onChange: (form: RunFilterForm) => void;
  workflows: WorkflowSummary[];
  connections: ConnectionSummary[];
  searchRef: RefObject<HTMLInputElement | null>;
  /** Arrow down in the search box moves into the list. */
  onLeaveSearch: () => void;
}

export function RunFilters({
  form,
  onChange,
  workflows,
  connections,
  searchRef,
  onLeaveSearch,
}: RunFiltersProps) {
  const [text, setText] = useState(form.text);
  const [typedFor, setTypedFor] = useState(form.text);
  // The form's text changed from outside (Clear filters): show it.
  if (form.text !== typedFor) {
    setTypedFor(form.text);
    setText(form.text);
  }

  useEffect(() => {
    if (text === form.text) return;
    const timer = window.setTimeout(() => {
      setTypedFor(text);
      onChange({ ...form, text });
    }, TEXT_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, form, onChange]);

  return (
    <div className="run-filters" role="search" aria-label="Filter runs">
      <input
        ref={searchRef}
        type="search"
        className="input run-search"
        placeholder="Search trigger data…"
        aria-label="Search runs"
        aria-keyshortcuts="/"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            onLeaveSearch();
          }
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            setText('');
          }
        }}
      />
      <select
        className="input select"
        aria-label="State"
        value={choiceOf(form.states)}
        onChange={(e) =>
          onChange({
            ...form,
            states: STATE_CHOICES.find((c) => c.value === e.target.value)?.states ?? [],
          })
        }
      >
        {STATE_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <select
        className="input select"
        aria-label="Workflow"
        value={form.workflowId ?? ''}
        onChange={(e) => onChange({ ...form, workflowId: e.target.value || null })}
      >
        <option value="">All workflows</option>
        {workflows.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      <select
        className="input select"
        aria-label="Connection"
        value={form.connectionId ?? ''}
        onChange={(e) => onChange({ ...form, connectionId: e.target.value || null })}
        disabled={connections.length === 0 && !form.connectionId}
      >
        <option value="">All connections</option>
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <select
        className="input select"
        aria-label="Time range"
        value={form.range}
        onChange={(e) => onChange({ ...form, range: e.target.value as TimeRange })}
      >
        {(Object.keys(RANGE_LABELS) as TimeRange[]).map((r) => (
          <option key={r} value={r}>
            {RANGE_LABELS[r]}
          </option>
        ))}
      </select>
      <label className="check">
        <input
          type="checkbox"
          checked={form.includeTests}
          onChange={(e) => onChange({ ...form, includeTests: e.target.checked })}
        />
        Test runs
      </label>
    </div>
  );
}
