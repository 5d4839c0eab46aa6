import { useCallback, useMemo } from 'react';
import type { WorkflowNode } from '@shared/workflow/schema';
import { Inspector } from '../../inspector/Inspector';
import { selectedNode, useCanvasStore } from '../../stores/canvas';
import { HistoryPanel } from './HistoryPanel';

/** The right column: the selected node's inspector, or the version history. */
export function SidePanel() {
  const panel = useCanvasStore((s) => s.panel);
  const node = useCanvasStore(selectedNode);
  if (panel === 'history') return <HistoryPanel />;
  if (panel === 'inspector' && node) return <InspectorHost node={node} />;
  return null;
}

function InspectorHost({ node }: { node: WorkflowNode }) {
  const definition = useCanvasStore((s) => s.definition);
  const problems = useCanvasStore((s) => s.problems);
  const lastRun = useCanvasStore((s) => s.lastRun);
  const changeNode = useCanvasStore((s) => s.changeNode);
  const showPanel = useCanvasStore((s) => s.showPanel);
  const id = node.id;
  const own = useMemo(() => problems.filter((p) => p.nodeId === id), [problems, id]);
  const onChange = useCallback((next: WorkflowNode) => changeNode(id, next), [changeNode, id]);
  const onClose = useCallback(() => showPanel(null), [showPanel]);
  return (
    <div className="side-panel inspector-host" key={id}>
      <Inspector
        node={node}
        definition={definition}
        problems={own}
        lastRun={lastRun}
        onChange={onChange}
        onClose={onClose}
      />
    </div>
  );
}
