import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { CanvasNode } from '../model/flow';
import { NodeCard } from './NodeCard';

/** An action, mapping, filter or delay: one way in, one way out. */
export const StepNodeView = memo(function StepNodeView({
  id,
  data,
  selected,
}: NodeProps<CanvasNode>) {
  return (
    <NodeCard node={data.node} selected={selected}>
      <Handle type="target" position={Position.Left} aria-label={`Input of ${id}`} />
      <Handle type="source" position={Position.Right} aria-label={`Output of ${id}`} />
    </NodeCard>
  );
});
