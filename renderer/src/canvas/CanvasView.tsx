import { useCallback, type DragEvent, type RefObject } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type IsValidConnection,
  type NodeMouseHandler,
  type OnConnect,
  type OnInit,
  type OnMove,
  type ReactFlowState,
  useStore,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTheme } from '../hooks/useTheme';
import { useCanvasStore } from '../stores/canvas';
import { edgeTypes } from './edges/edge-types';
import { GridIcon } from './icons';
import { connectionProblem } from './model/edits';
import type { CanvasEdge, CanvasNode } from './model/flow';
import { GRID, NODE_HEIGHT, NODE_WIDTH } from './model/geometry';
import { nodeTypes } from './nodes/node-types';
import { PALETTE_DRAG_TYPE } from './palette/PaletteItem';
import { TriggerIcon } from '../components/icons';
import { CanvasNotes } from './CanvasNotes';
import { openingViewport } from './viewport';

const SNAP_GRID: [number, number] = [GRID, GRID];
// The fit-view button shows everything, however small; it never blows a small workflow up.
const FIT_VIEW = { maxZoom: 1, minZoom: 0.1, padding: 0.1 };
const MINIMAP_STYLE = { width: 168, height: 112 };
const PRO = { hideAttribution: true };
const MULTI_SELECT = ['Meta', 'Control'];
// Above this many nodes, drawing only what is on screen is cheaper than drawing everything.
const VISIBLE_ONLY_FROM = 60;
// From this many nodes cards are drawn plainer (styles/canvas.css), so panning stays smooth.
const LARGE_FROM = 100;
// Below this zoom nothing on a card can be read: cards are drawn as tiles (styles/canvas.css).
const isFar = (s: ReactFlowState) => s.transform[2] < 0.4;

const isValidConnection: IsValidConnection = (c) =>
  !connectionProblem(useCanvasStore.getState().definition, c);

const onConnect: OnConnect = (c) => useCanvasStore.getState().connect(c);

const openInspector: NodeMouseHandler<CanvasNode> = () =>
  useCanvasStore.getState().showPanel('inspector');

const onDragOver = (event: DragEvent) => {
  if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
};

interface CanvasViewProps {
  /** The element keyboard shortcuts belong to; focused when the canvas is pressed. */
  regionRef: RefObject<HTMLElement | null>;
  /** The user moved the view (a programmatic move has no event). */
  onUserMove: () => void;
}

/** The workflow drawn with React Flow, fed straight from the canvas store. */
export function CanvasView({ regionRef, onUserMove }: CanvasViewProps) {
  const theme = useTheme();
  const nodes = useCanvasStore((s) => s.nodes);
  const edges = useCanvasStore((s) => s.edges);
  const snapToGrid = useCanvasStore((s) => s.snapToGrid);
  const onNodesChange = useCanvasStore((s) => s.onNodesChange);
  const onEdgesChange = useCanvasStore((s) => s.onEdgesChange);
  const toggleSnapToGrid = useCanvasStore((s) => s.toggleSnapToGrid);
  const far = useStore(isFar);
  const { screenToFlowPosition } = useReactFlow<CanvasNode, CanvasEdge>();

  const onInit: OnInit<CanvasNode, CanvasEdge> = useCallback(
    (instance) => {
      const box = regionRef.current?.getBoundingClientRect() ?? { width: 0, height: 0 };
      void instance.setViewport(openingViewport(useCanvasStore.getState().definition, box));
    },
    [regionRef],
  );

  // Set on the element, not in React state: the view moves every frame and nothing re-renders.
  const onMoveStart = useCallback(
    () => regionRef.current?.setAttribute('data-moving', ''),
    [regionRef],
  );
  const onMoveEnd = useCallback(
    () => regionRef.current?.removeAttribute('data-moving'),
    [regionRef],
  );

  const onMove: OnMove = useCallback(
    (event) => {
      if (event) onUserMove();
    },
    [onUserMove],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const key = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!key) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const position = { x: at.x - NODE_WIDTH / 2, y: at.y - NODE_HEIGHT / 2 };
      const snapped = useCanvasStore.getState().snapToGrid
        ? { x: Math.round(position.x / GRID) * GRID, y: Math.round(position.y / GRID) * GRID }
        : position;
      // Dropped where the user looks: selected, and shown in the inspector if that is open.
      useCanvasStore.getState().addFromPalette(key, snapped);
      regionRef.current?.focus({ preventScroll: true });
    },
    [screenToFlowPosition, regionRef],
  );

  return (
    <section
      ref={regionRef}
      className="canvas"
      data-large={nodes.length >= LARGE_FROM || undefined}
      data-far={far || undefined}
      aria-label="Workflow canvas"
      tabIndex={-1}
      onPointerDownCapture={(event) => {
        // React Flow keeps the focus where it was; shortcuts need it here.
        const target = event.target as HTMLElement;
        if (!target.closest('button, input, textarea, select, a')) {
          event.currentTarget.focus({ preventScroll: true });
        }
      }}
    >
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeClick={openInspector}
        onDrop={onDrop}
        onDragOver={onDragOver}
        connectionLineType={ConnectionLineType.SmoothStep}
        snapToGrid={snapToGrid}
        snapGrid={SNAP_GRID}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT}
        disableKeyboardA11y
        onlyRenderVisibleElements={nodes.length >= VISIBLE_ONLY_FROM}
        minZoom={0.1}
        maxZoom={2}
        onInit={onInit}
        onMoveStart={onMoveStart}
        onMove={onMove}
        onMoveEnd={onMoveEnd}
        colorMode={theme}
        proOptions={PRO}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW}>
          <ControlButton
            onClick={toggleSnapToGrid}
            aria-label="Snap to grid"
            aria-pressed={snapToGrid}
            title={snapToGrid ? 'Snap to grid: on' : 'Snap to grid: off'}
            className={snapToGrid ? 'is-on' : undefined}
          >
            <GridIcon />
          </ControlButton>
        </Controls>
        <CanvasNotes />
        {/* An empty workflow would show an empty frame. */}
        {nodes.length > 0 && (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Overview"
            nodeBorderRadius={8}
            style={MINIMAP_STYLE}
          />
        )}
      </ReactFlow>
      {nodes.length === 0 && (
        <div className="canvas-overlay">
          <div className="canvas-overlay-card">
            <div className="empty-state-icon">
              <TriggerIcon />
            </div>
            <h2 className="empty-state-title">Add a trigger to start</h2>
            <p className="empty-state-text">
              Every workflow begins with a trigger — a schedule, an incoming webhook, a button you
              press. Pick one on the left, or drag it here.
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
