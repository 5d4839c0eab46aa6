import { memo, useState } from 'react';
import { formatPath, type PathSegment } from '@shared/workflow/mapping';
import { ChevronIcon } from '../components/editor-icons';
import { startPathDrag } from './drag-path';
import { ORIGIN_LABELS, type SampleScope } from './sample-scope';
import type { SourceNode } from './upstream';
import { childEntries, isContainer, previewValue, valueType } from './value-text';

interface DataTreeProps {
  sources: readonly SourceNode[];
  sample: SampleScope;
  /** Called with a path such as `trigger.email` when a row is chosen. */
  onPick?: (path: string) => void;
  /** Only rows whose name or path contains this text (and their parents) are shown. */
  filter?: string;
}

/** The data of earlier nodes with sample values; each row can be dragged onto a field or picked. */
export function DataTree({ sources, sample, onPick, filter = '' }: DataTreeProps) {
  const needle = filter.trim().toLowerCase();
  if (sources.length === 0) {
    return (
      <p className="data-tree-empty">
        No earlier steps. Connect this step after the trigger to use its data.
      </p>
    );
  }
  return (
    <div className="data-tree" role="tree" aria-label="Data from earlier steps">
      {sources.map((source, index) => (
        <SourceGroup
          key={source.id}
          // The nearest step is open; further ones wait to be asked for when there are many.
          startOpen={index === 0 || sources.length <= 2}
          source={source}
          value={sample.scope[source.id]}
          origin={sample.origins[source.id]}
          onPick={onPick}
          needle={needle}
        />
      ))}
    </div>
  );
}

function SourceGroup(props: {
  source: SourceNode;
  startOpen: boolean;
  value: unknown;
  origin: SampleScope['origins'][string] | undefined;
  onPick?: (path: string) => void;
  needle: string;
}) {
  const { source, value, origin, onPick, needle } = props;
  const [open, setOpen] = useState(props.startOpen);
  const expanded = open || needle !== '';
  return (
    <div className="data-source" role="treeitem" aria-expanded={expanded} aria-selected={false}>
      <button type="button" className="data-source-head" onClick={() => setOpen(!open)}>
        <ChevronIcon className={`chevron${expanded ? ' chevron-open' : ''}`} />
        <span className="data-source-title">{source.title}</span>
        <code className="data-source-id">{source.id}</code>
        {origin && <span className={`origin-tag origin-${origin}`}>{ORIGIN_LABELS[origin]}</span>}
      </button>
      {expanded &&
        (value === undefined ? (
          <p className="data-tree-empty">
            No sample data yet. Run a test to see this step’s output.
          </p>
        ) : (
          <div role="group">
            {isContainer(value) ? (
              childEntries(value).map(([key, child]) => (
                <DataRow
                  key={key}
                  segments={[source.id, key]}
                  value={child}
                  depth={0}
                  onPick={onPick}
                  needle={needle}
                />
              ))
            ) : (
              <DataRow
                segments={[source.id]}
                value={value}
                depth={0}
                onPick={onPick}
                needle={needle}
              />
            )}
          </div>
        ))}
    </div>
  );
}

const matches = (
  segments: readonly PathSegment[],
  value: unknown,
  needle: string,
  depth = 0,
): boolean => {
  if (needle === '') return true;
  if (formatPath(segments).toLowerCase().includes(needle)) return true;
  if (depth > 6) return false;
  return childEntries(value).some(([key, child]) =>
    matches([...segments, key], child, needle, depth + 1),
  );
};

const DataRow = memo(function DataRow(props: {
  segments: readonly PathSegment[];
  value: unknown;
  depth: number;
  onPick?: (path: string) => void;
  needle: string;
}) {
  const { segments, value, depth, onPick, needle } = props;
  const [open, setOpen] = useState(depth < 1);
  if (!matches(segments, value, needle)) return null;
  const path = formatPath(segments);
  const key = segments[segments.length - 1]!;
  const container = isContainer(value) && childEntries(value).length > 0;
  const expanded = container && (open || needle !== '');
  return (
    <div role="treeitem" aria-expanded={container ? expanded : undefined} aria-selected={false}>
      <div className="data-row" style={{ paddingLeft: 8 + depth * 14 }}>
        {container ? (
          <button
            type="button"
            className="data-toggle"
            aria-label={expanded ? `Collapse ${path}` : `Expand ${path}`}
            onClick={() => setOpen(!open)}
          >
            <ChevronIcon className={`chevron${expanded ? ' chevron-open' : ''}`} />
          </button>
        ) : (
          <span className="data-toggle" aria-hidden="true" />
        )}
        <button
          type="button"
          className="data-pill"
          draggable
          onDragStart={(event) => startPathDrag(event, path)}
          onClick={() => onPick?.(path)}
          title={`{{${path}}} — drag onto a field${onPick ? ' or click to insert' : ''}`}
          data-path={path}
        >
          <span className="data-key">{typeof key === 'number' ? `[${key}]` : key}</span>
          <span className={`data-type type-${valueType(value).replace('/', '')}`}>
            {valueType(value)}
          </span>
        </button>
        <span className="data-value" title={typeof value === 'string' ? value : undefined}>
          {previewValue(value)}
        </span>
      </div>
      {expanded && (
        <div role="group">
          {childEntries(value).map(([childKey, child]) => (
            <DataRow
              key={childKey}
              segments={[...segments, childKey]}
              value={child}
              depth={depth + 1}
              onPick={onPick}
              needle={needle}
            />
          ))}
        </div>
      )}
    </div>
  );
});
