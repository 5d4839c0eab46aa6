import { memo, useEffect, useState } from 'react';

interface JsonViewerProps {
  value: unknown;
  /** Names the value: the viewer's accessible name and the copy button's label. */
  label: string;
  /** Levels shown open at first; deeper objects and lists start collapsed. */
  openDepth?: number;
}

/** Items of one list or object shown before "… N more"; copying gives everything. */
const MAX_ITEMS = 100;
/** Characters of a string shown before "show all". */
const MAX_CHARS = 300;

/** A read-only, collapsible view of JSON data (run inputs, outputs, trigger data) with copy. */
export function JsonViewer({ value, label, openDepth = 2 }: JsonViewerProps) {
  return (
    <div className="json-viewer">
      <div className="json-toolbar">
        <span className="json-label">{label}</span>
        <CopyButton text={JSON.stringify(value, null, 2) ?? 'undefined'} label={`Copy ${label}`} />
      </div>
      <div className="json-body" role="group" aria-label={label}>
        <JsonNode value={value} depth={0} openDepth={openDepth} last />
      </div>
    </div>
  );
}

/** Copies `text` and says so for a moment. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className="link-button"
      aria-label={label}
      onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

interface NodeProps {
  value: unknown;
  depth: number;
  openDepth: number;
  /** The key or index this value sits under; absent at the top. */
  name?: string | number;
  last: boolean;
}

const JsonNode = memo(function JsonNode({ value, depth, openDepth, name, last }: NodeProps) {
  const [open, setOpen] = useState(depth < openDepth);
  const comma = last ? '' : ',';
  const key =
    typeof name === 'string' ? <span className="json-key">{JSON.stringify(name)}: </span> : null;

  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-line">
        {key}
        <Primitive value={value} />
        {comma}
      </div>
    );
  }

  const isArray = Array.isArray(value);
  const entries: [string | number, unknown][] = isArray
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  const [start, end] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="json-line">
        {key}
        <span className="json-punct">{start + end}</span>
        {comma}
      </div>
    );
  }
  const noun = isArray ? 'item' : 'key';
  const summary = `${entries.length} ${noun}${entries.length === 1 ? '' : 's'}`;
  const what = name === undefined ? 'value' : typeof name === 'number' ? `item ${name}` : name;
  const toggle = (
    <button
      type="button"
      className="json-toggle"
      aria-expanded={open}
      aria-label={`${open ? 'Collapse' : 'Expand'} ${what}`}
      onClick={() => setOpen(!open)}
    >
      {open ? '▾' : '▸'}
    </button>
  );
  if (!open) {
    return (
      <div className="json-line">
        {toggle}
        {key}
        <span className="json-punct">{start} </span>
        <span className="json-summary">{summary}</span>
        <span className="json-punct"> {end}</span>
        {comma}
      </div>
    );
  }
  const shown = entries.slice(0, MAX_ITEMS);
  const hidden = entries.length - shown.length;
  return (
    <div>
      <div className="json-line">
        {toggle}
        {key}
        <span className="json-punct">{start}</span>
      </div>
      <div className="json-children">
        {shown.map(([childName, child], i) => (
          <JsonNode
            key={childName}
            name={childName}
            value={child}
            depth={depth + 1}
            openDepth={openDepth}
            last={i === shown.length - 1 && hidden === 0}
          />
        ))}
        {hidden > 0 && (
          <div className="json-line json-summary">… {hidden} more (copy to see all)</div>
        )}
      </div>
      <div className="json-line">
        <span className="json-punct">{end}</span>
        {comma}
      </div>
    </div>
  );
});

function Primitive({ value }: { value: unknown }) {
  const [full, setFull] = useState(false);
  if (typeof value === 'string' && value.length > MAX_CHARS && !full) {
    return (
      <span className="json-string">
        {JSON.stringify(value.slice(0, MAX_CHARS))}
        <button type="button" className="link-button" onClick={() => setFull(true)}>
          … show all {value.length} characters
        </button>
      </span>
    );
  }
  if (value === undefined) return <span className="json-null">undefined</span>;
  const type = value === null ? 'null' : typeof value;
  return <span className={`json-${type}`}>{JSON.stringify(value)}</span>;
}
