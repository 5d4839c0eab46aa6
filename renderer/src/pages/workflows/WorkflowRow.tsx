import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'wouter';
import type { WorkflowSummary } from '@shared/workflow/schema';
import { DownloadIcon, PencilIcon, TrashIcon } from '../../components/icons';
import { relativeTime } from '../../lib/relative-time';
import { WorkflowNameInput } from './WorkflowNameInput';
import { WorkflowStateBadge } from './WorkflowStateBadge';

interface WorkflowRowProps {
  workflow: WorkflowSummary;
  now: number;
  renaming: boolean;
  onRenameStart: () => void;
  onRenameEnd: () => void;
  onRename: (name: string) => Promise<boolean>;
  onDelete: () => void;
  onExport: () => void;
  selected: boolean;
  onSelect: (selected: boolean) => void;
}

// A double-click on the name renames, so a single click waits this long before opening.
const DOUBLE_CLICK_WINDOW_MS = 250;

export function WorkflowRow(props: WorkflowRowProps) {
  const { workflow, now, renaming, onRenameStart, onRenameEnd, onRename, onDelete, onExport } =
    props;
  const { selected, onSelect } = props;
  const [, navigate] = useLocation();
  const pendingOpen = useRef<number | undefined>(undefined);
  const href = `/workflows/${workflow.id}`;

  useEffect(() => () => window.clearTimeout(pendingOpen.current), []);

  const steps = workflow.stepCount === 1 ? '1 step' : `${workflow.stepCount} steps`;

  return (
    <li className="list-row workflow-row" data-testid="workflow-row">
      <div className="workflow-main">
        <div className="workflow-title-line">
          <input
            type="checkbox"
            className="workflow-select"
            aria-label={`Select ${workflow.name}`}
            title="Select (to export several)"
            checked={selected}
            onChange={(event) => onSelect(event.target.checked)}
          />
          {renaming ? (
            <WorkflowNameInput initialName={workflow.name} onSave={onRename} onDone={onRenameEnd} />
          ) : (
            <Link
              to={href}
              className="workflow-name"
              title="Open · double-click to rename"
              onClick={(event) => {
                if (event.detail === 0) return; // keyboard activation opens at once
                event.preventDefault();
                window.clearTimeout(pendingOpen.current);
                if (event.detail === 1) {
                  pendingOpen.current = window.setTimeout(
                    () => navigate(href),
                    DOUBLE_CLICK_WINDOW_MS,
                  );
                }
              }}
              onDoubleClick={(event) => {
                event.preventDefault();
                window.clearTimeout(pendingOpen.current);
                onRenameStart();
              }}
            >
              {workflow.name}
            </Link>
          )}
        </div>
        {workflow.description && <p className="workflow-description">{workflow.description}</p>}
      </div>
      <div className="workflow-meta">
        <WorkflowStateBadge state={workflow.state} />
        <span className="meta-text">{steps}</span>
        <span className="meta-text">
          Updated{' '}
          <time dateTime={workflow.updatedAt} title={new Date(workflow.updatedAt).toLocaleString()}>
            {relativeTime(workflow.updatedAt, now)}
          </time>
        </span>
      </div>
      <div className="row-actions">
        <button
          type="button"
          className="icon-button"
          aria-label={`Export ${workflow.name}`}
          title="Export as a workflow file"
          onClick={onExport}
        >
          <DownloadIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Rename ${workflow.name}`}
          title="Rename"
          onClick={onRenameStart}
          disabled={renaming}
        >
          <PencilIcon />
        </button>
        <button
          type="button"
          className="icon-button icon-button-danger"
          aria-label={`Delete ${workflow.name}`}
          title="Delete"
          onClick={onDelete}
        >
          <TrashIcon />
        </button>
      </div>
    </li>
  );
}
