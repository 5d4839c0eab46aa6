import { useDescriptors } from '../../lib/descriptors';
import { useCanvasStore } from '../../stores/canvas';
import { AlertIcon, CheckIcon } from '../icons';
import { findNode } from '../model/definition';
import { describeNode } from '../model/describe';
import { usePopover } from './usePopover';
import type { WorkflowProblem } from '@shared/workflow/validate';

const SEVERITY_LABELS = { error: 'Error', incomplete: 'To do', warning: 'Warning' } as const;
const ORDER = { error: 0, incomplete: 1, warning: 2 } as const;

interface ProblemsButtonProps {
  /** Selects the node, brings it into view and opens its settings. */
  onJump: (nodeId: string) => void;
  /** For problems of the workflow as a whole (no trigger yet): go to the palette. */
  onJumpToPalette: () => void;
}

/** "Problems (N)", opening the list of what validation found; each one jumps to its node. */
export function ProblemsButton({ onJump, onJumpToPalette }: ProblemsButtonProps) {
  const problems = useCanvasStore((s) => s.problems);
  const definition = useCanvasStore((s) => s.definition);
  const { lookup } = useDescriptors();
  const { open, setOpen, ref } = usePopover<HTMLDivElement>();
  const errors = problems.filter((p) => p.severity === 'error').length;
  const tone = errors > 0 ? 'danger' : problems.length > 0 ? 'warning' : 'ok';
  const sorted = [...problems].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);

  const where = (p: WorkflowProblem) => {
    if (p.nodeId === null) return 'Workflow';
    const node = findNode(definition, p.nodeId);
    return node ? describeNode(node, lookup).title : p.nodeId;
  };

  return (
    <div className="popover-anchor" ref={ref}>
      <button
        type="button"
        className="button toolbar-button problems-button"
        data-tone={tone}
        aria-expanded={open}
        aria-haspopup="dialog"
        title={problems.length === 0 ? 'No problems found' : 'Show what needs fixing'}
        onClick={() => setOpen(!open)}
      >
        {problems.length === 0 ? <CheckIcon /> : <AlertIcon />}
        Problems ({problems.length})
      </button>
      {open && (
        <div className="popover problems-popover" role="dialog" aria-label="Problems">
          {problems.length === 0 ? (
            <p className="popover-empty">
              <CheckIcon /> Nothing to fix. The workflow can be saved and enabled.
            </p>
          ) : (
            <ul className="problems-list" aria-label="Problems">
              {sorted.map((p, i) => (
                <li key={`${p.nodeId}:${p.field}:${i}`}>
                  <button
                    type="button"
                    className="problem-item"
                    data-severity={p.severity}
                    onClick={() => {
                      setOpen(false);
                      if (p.nodeId) onJump(p.nodeId);
                      else onJumpToPalette();
                    }}
                  >
                    <span className="problem-severity">{SEVERITY_LABELS[p.severity]}</span>
                    <span className="problem-where">
                      {where(p)}
                      {p.field ? ` · ${p.field}` : ''}
                    </span>
                    <span className="problem-message">{p.message}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
