import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import type { WorkflowNode } from '@shared/workflow/schema';
import { selectedNode, useCanvasStore } from '../../stores/canvas';

// Shown once a step is selected: the canvas paints first, without waiting for their code,
// which is fetched as soon as the browser is idle.
const loadInspector = () => import('../../inspector/Inspector');
const Inspector = lazy(() => loadInspector().then((module) => ({ default: module.Inspector })));
const HistoryPanel = lazy(() =>
  import('./HistoryPanel').then((module) => ({ default: module.HistoryPanel })),
);

/** The right column: the selected node's inspector, or the version history. */
export function SidePanel() {
  const panel = useCanvasStore((s) => s.panel);
  const node = useCanvasStore(selectedNode);
  useEffect(() => {
    const idle = requestIdleCallback(() => void loadInspector(), { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, []);
  if (panel === 'history') {
    return (
      <Suspense fallback={<div className="side-panel" />}>
        <HistoryPanel />
      </Suspense>
    );
  }
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
      {/* As wide as the inspector, so the canvas makes room for it at once. */}
      <Suspense fallback={<div className="inspector" />}>
        <Inspector
          node={node}
          definition={definition}
          problems={own}
          lastRun={lastRun}
          onChange={onChange}
          onClose={onClose}
        />
      </Suspense>
    </div>
  );
}
