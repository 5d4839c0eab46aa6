import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

export type StepNodeData = { label: string; kind: string; isTrigger: boolean };
export type StepNode = Node<StepNodeData, 'step'>;

/** A trigger or step as drawn on the canvas: its name, and the kind of work it does. */
export const StepNodeView = memo(function StepNodeView({ data }: NodeProps<StepNode>) {
  return (
    <div className={data.isTrigger ? 'step-node step-node-trigger' : 'step-node'}>
      {!data.isTrigger && <Handle type="target" position={Position.Left} />}
      <span className="step-node-role">{data.isTrigger ? 'Trigger' : 'Step'}</span>
      <span className="step-node-label">{data.label}</span>
      <span className="step-node-kind">{data.kind}</span>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
