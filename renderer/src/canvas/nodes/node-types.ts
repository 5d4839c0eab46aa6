import type { NodeTypes } from '@xyflow/react';
import { BranchNodeView } from './BranchNodeView';
import { StepNodeView } from './StepNodeView';
import { TriggerNodeView } from './TriggerNodeView';

/** Defined once, outside any render, so React Flow never remounts the nodes. */
export const nodeTypes: NodeTypes = {
  trigger: TriggerNodeView,
  step: StepNodeView,
  branch: BranchNodeView,
};
