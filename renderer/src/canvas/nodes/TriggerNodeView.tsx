import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { CanvasNode } from '../model/flow';
import { NodeCard } from './NodeCard';

/** Where a run starts: no way in, one way out. */
export const TriggerNodeView = memo(function TriggerNodeView({
  data,
  selected,
}: NodeProps<CanvasNode>) {
  return (
    <NodeCard node={data.node} selected={selected}>
      <Handle type="source" position={Position.Right} aria-label="Output of the trigger" />
    </NodeCard>
  );
});
