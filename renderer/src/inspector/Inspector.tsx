import { useMemo, type JSX } from 'react';
import type { WorkflowDefinition, WorkflowNode } from '@shared/workflow/schema';
import type { WorkflowProblem } from '@shared/workflow/validate';
import type { RunDetail } from '@shared/runs';
import { CloseIcon } from '../components/icons';
import { describeNode } from '../canvas/model/describe';
import { NodeIcon } from '../canvas/nodes/NodeIcon';
import { useDescriptors } from '../lib/descriptors';
import { sampleScope } from '../mapping/sample-scope';
import { upstreamNodes } from '../mapping/upstream';
import { InspectorDataContext, type InspectorData } from './data-context';
import { LastRun } from './LastRun';
import { NodeSetup } from './NodeSetup';
import { ProblemList } from './ProblemList';
import '../styles/inspector.css';

export interface InspectorProps {
  node: WorkflowNode;
  definition: WorkflowDefinition;
  problems: WorkflowProblem[];
  lastRun: RunDetail | null;
  onChange(next: WorkflowNode): void;
  /** Shows a close button that calls this. */
  onClose?(): void;
}

/** The side panel for the selected node: its name, its setup, its notes and its last test run. */
export function Inspector(props: InspectorProps): JSX.Element {
  const { node, definition, lastRun, onChange, onClose } = props;
  const { lookup } = useDescriptors();
  const described = describeNode(node, lookup);
  const problems = useMemo(
    () => props.problems.filter((p) => p.nodeId === node.id),
    [props.problems, node.id],
  );
  const data = useMemo<InspectorData>(
    () => ({
      sources: upstreamNodes(definition, node.id, lookup),
      sample: sampleScope(definition, lastRun, lookup),
    }),
    [definition, node.id, lastRun, lookup],
  );

  return (
    <InspectorDataContext.Provider value={data}>
      <aside className="inspector" aria-label={`Inspector: ${described.title}`}>
        <header className="inspector-head">
          <NodeIcon icon={described.icon} category={described.category} name={described.title} />
          <div className="inspector-titles">
            <input
              className="inspector-name"
              aria-label="Step name"
              value={node.name ?? ''}
              placeholder={described.title}
              maxLength={120}
              onChange={(e) => onChange({ ...node, name: e.target.value || undefined })}
            />
            <p className="inspector-subtitle">
              <span>{described.operation || described.source}</span>
              <code className="node-id" title="Refer to this step’s data as {{id.field}}">
                {node.id}
              </code>
            </p>
          </div>
          {onClose && (
            <button
              type="button"
              className="icon-button inspector-close"
              aria-label="Close inspector"
              title="Close (Esc)"
              onClick={onClose}
            >
              <CloseIcon />
            </button>
          )}
        </header>

        <div className="inspector-scroll">
          <ProblemList problems={problems} />
          <section className="inspector-section" aria-label="Setup">
            <div className="section-body">
              <NodeSetup
                key={node.id}
                node={node}
                title={described.title}
                problems={problems}
                onChange={onChange}
              />
            </div>
          </section>

          <details className="inspector-section" open={node.notes ? true : undefined}>
            <summary className="section-title">
              <span>Notes</span>
            </summary>
            <div className="section-body">
              <textarea
                className="input textarea"
                aria-label="Notes"
                rows={3}
                maxLength={2000}
                placeholder="What this step is for, for whoever reads the workflow next"
                value={node.notes ?? ''}
                onChange={(e) => onChange({ ...node, notes: e.target.value || undefined })}
              />
            </div>
          </details>

          <LastRun run={lastRun} nodeId={node.id} isTrigger={node.type === 'trigger'} />
        </div>
      </aside>
    </InspectorDataContext.Provider>
  );
}
