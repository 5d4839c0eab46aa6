import { useMemo, useState } from 'react';
import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  type NodeTypes,
  type OnNodesChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { WorkflowDefinition } from '@shared/workflow/schema';
import { TriggerIcon } from '../../components/icons';
import { useTheme } from '../../hooks/useTheme';
import type { StepNode } from './StepNode';
import { StepNodeView } from './StepNode';
import { toFlow } from './to-flow';

const nodeTypes: NodeTypes = { step: StepNodeView };
// A small workflow should not be blown up to fill the screen.
const FIT_VIEW = { maxZoom: 1, padding: 0.2 };

/** The workflow drawn read-only; editing arrives with the builder. */
export function WorkflowCanvas({ definition }: { definition: WorkflowDefinition }) {
  const theme = useTheme();
  // React Flow reports measured sizes through onNodesChange; the minimap needs them kept.
  const [nodes, setNodes] = useState<StepNode[]>(() => toFlow(definition).nodes);
  const [drawn, setDrawn] = useState(definition);
  if (drawn !== definition) {
    setDrawn(definition);
    setNodes(toFlow(definition).nodes);
  }
  const edges = useMemo(() => toFlow(definition).edges, [definition]);
  const onNodesChange: OnNodesChange<StepNode> = (changes) =>
    setNodes((current) => applyNodeChanges(changes, current));

  return (
    <div className="canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        nodeTypes={nodeTypes}
        colorMode={theme}
        nodesDraggable={false}
        nodesConnectable={false}
        fitView={nodes.length > 0}
        fitViewOptions={FIT_VIEW}
        proOptions={{ hideAttribution: true }}
        aria-label="Workflow canvas"
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        {/* An empty workflow would show an empty frame. */}
        {nodes.length > 0 && <MiniMap pannable zoomable />}
      </ReactFlow>
      {!definition.trigger && (
        <div className="canvas-overlay">
          <div className="canvas-overlay-card">
            <div className="empty-state-icon">
              <TriggerIcon />
            </div>
            <h2 className="empty-state-title">Add a trigger to start</h2>
            <p className="empty-state-text">
              Every workflow begins with a trigger — a new row in a sheet, an incoming webhook, a
              schedule. The step palette is coming soon.
            </p>
          </div>
        </div>
      )}
    </div>
  );
}
