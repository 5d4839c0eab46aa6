import type { ReactNode } from 'react';
import type { WorkflowNode } from '@shared/workflow/schema';
import { useDescriptors } from '../../lib/descriptors';
import { useCanvasStore } from '../../stores/canvas';
import { useConnectionsStore } from '../../stores/connections';
import { TriggerIcon } from '../../components/icons';
import { describeNode } from '../model/describe';
import { statusBadge } from '../model/status';
import { NodeIcon } from './NodeIcon';

interface NodeCardProps {
  node: WorkflowNode;
  selected: boolean;
  /** The handles, drawn inside the card so they sit on its edges. */
  children: ReactNode;
}

/** The body every node type shares: icon, name, operation, connection and status. */
export function NodeCard({ node, selected, children }: NodeCardProps) {
  const { lookup } = useDescriptors();
  const status = useCanvasStore((s) => s.statuses.get(node.id) ?? '');
  const connection = node.type === 'trigger' || node.type === 'action' ? node.connection : null;
  const connectionName = useConnectionsStore((s) =>
    connection ? (s.connections.find((c) => c.id === connection)?.name ?? connection) : null,
  );
  const d = describeNode(node, lookup);
  const badge = statusBadge(status);
  const problemTone = status.startsWith('problems:') ? status.split(':')[2] : null;
  const account = !d.needsConnection
    ? null
    : connectionName
      ? { text: connectionName, missing: false }
      : { text: 'Choose an account', missing: true };

  return (
    <div
      className="node-card"
      role="group"
      aria-label={`${d.title}, ${node.id}`}
      data-selected={selected || undefined}
      data-problem={problemTone ?? undefined}
      data-trigger={node.type === 'trigger' || undefined}
      title={node.notes || undefined}
    >
      {node.type === 'trigger' && (
        <span className="node-tag" title="Trigger: where a run starts">
          <TriggerIcon />
        </span>
      )}
      {badge && (
        <span className={`node-status badge badge-${badge.tone}`} role="status">
          {badge.label}
        </span>
      )}
      <NodeIcon icon={d.icon} category={d.category} name={d.source} />
      <div className="node-text">
        <span className="node-title">{d.title}</span>
        <span className="node-operation">{d.operation}</span>
        {account ? (
          <span className="node-meta" data-missing={account.missing || undefined}>
            {account.text}
          </span>
        ) : (
          <span className="node-meta node-card-id">{node.id}</span>
        )}
      </div>
      {children}
    </div>
  );
}
