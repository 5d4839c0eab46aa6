import { useCallback, useEffect, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useDescriptors } from '../lib/descriptors';
import { isDirty, useCanvasStore } from '../stores/canvas';
import { CanvasView } from './CanvasView';
import { ConflictBanner } from './ConflictBanner';
import { InsertMenu } from './InsertMenu';
import { layoutWorkflow } from './layout';
import { LeaveDialog } from './LeaveDialog';
import type { CanvasEdge, CanvasNode } from './model/flow';
import { Palette } from './palette/Palette';
import { SidePanel } from './panels/SidePanel';
import { CanvasToolbar } from './toolbar/CanvasToolbar';
import { useCanvasShortcuts } from './useCanvasShortcuts';
import { useLeaveGuard } from './useLeaveGuard';
import { usePointerHeld } from './usePointerHeld';
import { useRevealNode, type RevealNode } from './useRevealNode';
import { useViewportReturn } from './useViewportReturn';
import { openingViewport } from './viewport';

/** The workflow builder: toolbar, palette, canvas and side panel (inside a ReactFlowProvider). */
export function CanvasEditor() {
  const { lookup } = useDescriptors();
  const setDescriptors = useCanvasStore((s) => s.setDescriptors);
  const dirty = useCanvasStore(isDirty);
  const region = useRef<HTMLElement>(null);
  const revealNode = useRevealNode();
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const guard = useLeaveGuard(dirty);

  useEffect(() => setDescriptors(lookup), [lookup, setDescriptors]);

  // Opening the inspector narrows the canvas: keep the inspected node in sight.
  const inspected = useCanvasStore((s) =>
    s.panel === 'inspector' && s.selection.nodes.length === 1 ? s.selection.nodes[0]! : null,
  );
  // …and on closing, give the user back the view they had.
  const inspectorOpen = useCanvasStore((s) => s.panel === 'inspector');
  const viewportReturn = useViewportReturn(inspectorOpen);
  const reveal = useCallback<RevealNode>(
    (id, center) => {
      const move = revealNode(id, center);
      if (move && useCanvasStore.getState().panel === 'inspector') viewportReturn.moved(move);
      return move;
    },
    [revealNode, viewportReturn],
  );
  const pointerHeld = usePointerHeld();
  useEffect(() => {
    if (!inspected) return;
    let frame = 0;
    const later = () => (frame = requestAnimationFrame(() => reveal(inspected)));
    // Dragging a node selects it: move the view once it is dropped, not under the pointer.
    if (pointerHeld.current) window.addEventListener('pointerup', later, { once: true });
    else later();
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('pointerup', later);
    };
  }, [inspected, reveal, pointerHeld]);

  const openInspector = useCallback(() => useCanvasStore.getState().showPanel('inspector'), []);
  useCanvasShortcuts({ region, reveal, openInspector });

  const onAdded = useCallback(
    (id: string) => {
      openInspector();
      reveal(id);
    },
    [openInspector, reveal],
  );

  const pick = useCallback(
    (key: string) => {
      const id = useCanvasStore.getState().addFromPalette(key, null);
      if (id) onAdded(id);
    },
    [onAdded],
  );

  const insert = useCallback(
    (edgeId: string, key: string) => {
      const id = useCanvasStore.getState().insertOnEdge(edgeId, key);
      if (id) onAdded(id);
    },
    [onAdded],
  );

  const tidyUp = useCallback(async () => {
    const positions = await layoutWorkflow(useCanvasStore.getState().definition);
    useCanvasStore.getState().applyLayout(positions);
    const box = region.current?.getBoundingClientRect() ?? { width: 0, height: 0 };
    const viewport = openingViewport(useCanvasStore.getState().definition, box);
    void flow.setViewport(viewport, { duration: 250 });
  }, [flow]);

  const jumpToNode = useCallback(
    (id: string) => {
      useCanvasStore.getState().select([id]);
      openInspector();
      reveal(id, true);
    },
    [openInspector, reveal],
  );

  const jumpToPalette = useCallback(() => document.getElementById('palette-search')?.focus(), []);

  return (
    <>
      <CanvasToolbar
        onLayout={() => void tidyUp()}
        onJumpToNode={jumpToNode}
        onJumpToPalette={jumpToPalette}
      />
      <ConflictBanner />
      <div className="builder">
        <Palette onPick={pick} />
        <CanvasView regionRef={region} onUserMove={viewportReturn.userMoved} />
        <SidePanel />
      </div>
      <InsertMenu onInsert={insert} />
      {guard.pending !== null && (
        <LeaveDialog
          onStay={guard.stay}
          onDiscard={guard.leave}
          onSaveAndLeave={async () => {
            if (await useCanvasStore.getState().save()) guard.leave();
            else guard.stay();
          }}
        />
      )}
    </>
  );
}
