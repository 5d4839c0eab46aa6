import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { BRANCH_HANDLES } from '@shared/workflow/schema';
import type { CanvasNode } from '../model/flow';
import { NodeCard } from './NodeCard';

/** Goes on by its "true" output when the condition holds, by "false" when it does not. */
export const BranchNodeView = memo(function BranchNodeView({
  id,
  data,
  selected,
}: NodeProps<CanvasNode>) {
  return (
    <NodeCard node={data.node} selected={selected}>
      <Handle type="target" position={Position.Left} aria-label={`Input of ${id}`} />
      {BRANCH_HANDLES.map((handle) => (
        <Handle
          key={handle}
          id={handle}
          type="source"
          position={Position.Right}
          className={`branch-handle branch-handle-${handle}`}
          aria-label={`Output “${handle}” of ${id}`}
        >
          <span className="branch-label" aria-hidden="true">
            {handle}
          </span>
        </Handle>
      ))}
    </NodeCard>
  );
});
