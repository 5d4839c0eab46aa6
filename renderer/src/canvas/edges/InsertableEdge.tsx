import { memo, useDeferredValue } from 'react';
import {
  BaseEdge,
  EdgeLabelRenderer,
  getSmoothStepPath,
  useStore,
  type EdgeProps,
  type ReactFlowState,
} from '@xyflow/react';
import { PlusIcon } from '../../components/icons';
import type { CanvasEdge } from '../model/flow';
import { useInsertMenu } from '../insert-menu';

// Below this zoom the "+" would be too small to hit; hiding it also keeps big workflows light.
const showsButtons = (s: ReactFlowState) => s.transform[2] >= 0.5;

/** A smooth-step edge with a "+" in its middle that inserts a step there. */
export const InsertableEdge = memo(function InsertableEdge(props: EdgeProps<CanvasEdge>) {
  const { id, source, target, selected, markerEnd } = props;
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX: props.sourceX,
    sourceY: props.sourceY,
    sourcePosition: props.sourcePosition,
    targetX: props.targetX,
    targetY: props.targetY,
    targetPosition: props.targetPosition,
    borderRadius: 10,
    offset: 24,
  });
  // Drawn just after the edges and cards: a canvas opens without waiting for every "+".
  const buttons = useDeferredValue(useStore(showsButtons), false);
  const isOpen = useInsertMenu((s) => s.open?.edgeId === id);

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={24} />
      {buttons && (
        <EdgeLabelRenderer>
          <div
            className="edge-insert nodrag nopan"
            data-active={selected || isOpen || undefined}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            <button
              type="button"
              className="edge-insert-button"
              aria-label={`Insert a step between ${source} and ${target}`}
              title="Insert a step here"
              aria-haspopup="dialog"
              aria-expanded={isOpen}
              onClick={(event) => {
                const box = event.currentTarget.getBoundingClientRect();
                useInsertMenu.getState().show(id, box.left + box.width / 2, box.bottom + 6);
              }}
            >
              <PlusIcon />
            </button>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
