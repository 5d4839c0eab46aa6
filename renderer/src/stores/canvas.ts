import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { create } from 'zustand';
import { createDescriptorLookup, type DescriptorLookup } from '@shared/connectors/registry';
import type { RunDetail } from '@shared/runs';
import {
  emptyDefinition,
  type Workflow,
  type WorkflowDefinition,
  type WorkflowNode,
} from '@shared/workflow/schema';
import { validateWorkflow, type WorkflowProblem } from '@shared/workflow/validate';
import { api, toApiError, unwrap } from '../api/client';
import { copyNodes, parseFragment, pasteFragment } from '../canvas/model/clipboard';
import { findNode, moveNodes, nodeIds, replaceNode } from '../canvas/model/definition';
import {
  appendNode,
  appendPoint,
  connect as connectNodes,
  deleteElements,
  insertOnEdge as insertNodeOnEdge,
  type Connection,
} from '../canvas/model/edits';
import { toFlowEdges, toFlowNodes, type CanvasEdge, type CanvasNode } from '../canvas/model/flow';
import { GRID, type Point } from '../canvas/model/geometry';
import { emptyHistory, recordChange, redo, undo, type History } from '../canvas/model/history';
import { nextId } from '../canvas/model/ids';
import { nodeStatuses, type NodeStatus } from '../canvas/model/status';
import { createNode, idBaseOf, templateFromKey } from '../canvas/model/templates';
import { reportError } from './notices';

export type CanvasStatus = 'loading' | 'ready' | 'not_found' | 'failed';
export type SidePanel = 'inspector' | 'history' | null;

export interface Selection {
  nodes: string[];
  edges: string[];
}

interface CanvasState {
  workflowId: string | null;
  /** The workflow as the engine last returned it (its version is what a save expects). */
  workflow: Workflow | null;
  status: CanvasStatus;

  /** The definition being edited; `savedDefinition` is the one last saved or loaded. */
  definition: WorkflowDefinition;
  savedDefinition: WorkflowDefinition;
  history: History;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  selection: Selection;
  panel: SidePanel;
  snapToGrid: boolean;

  lookup: DescriptorLookup;
  problems: WorkflowProblem[];
  statuses: Map<string, NodeStatus>;

  saving: boolean;
  /** Set when the engine refused a save because the workflow changed elsewhere. */
  conflict: string | null;
  testing: boolean;
  dryRun: boolean;
  lastRun: RunDetail | null;

  open: (id: string) => Promise<void>;
  /** The canvas page closed: the next open loads afresh. */
  close: () => void;
  /** The engine said this workflow changed or went away. */
  onWorkflowChanged: (id: string) => void;
  /** The connector descriptors validation checks against (from useDescriptors). */
  setDescriptors: (lookup: DescriptorLookup) => void;

  onNodesChange: (changes: NodeChange<CanvasNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<CanvasEdge>[]) => void;
  connect: (connection: Connection) => void;
  /** A palette entry dropped at `position`, or clicked (null: after the selected node). */
  addFromPalette: (key: string, position: Point | null) => string | null;
  insertOnEdge: (edgeId: string, key: string) => string | null;
  /** The inspector changed a node: one undo entry per burst of changes to it. */
  changeNode: (id: string, next: WorkflowNode) => void;
  deleteSelection: () => void;
  copySelection: () => string | null;
  paste: (text: string) => boolean;
  duplicateSelection: () => void;
  select: (nodeIds: string[], edgeIds?: string[]) => void;
  selectAll: () => void;
  undo: () => void;
  redo: () => void;
  /** Positions from the auto-layout, as one undo entry. */
  applyLayout: (positions: ReadonlyMap<string, Point>) => void;

  save: () => Promise<boolean>;
  /** Drops local changes and loads the version saved elsewhere. */
  reload: () => Promise<void>;
  dismissConflict: () => void;
  rename: (name: string) => Promise<boolean>;
  setDryRun: (dryRun: boolean) => void;
  testWorkflow: () => Promise<void>;
  dismissLastRun: () => void;
  setEnabled: (enabled: boolean) => Promise<void>;
  restoreVersion: (version: number) => Promise<boolean>;

  showPanel: (panel: SidePanel) => void;
  toggleSnapToGrid: () => void;
}

const SNAP_KEY = 'switchyard.canvas.snap';
const DRY_RUN_KEY = 'switchyard.canvas.dryRun';
const PASTE_OFFSET = { x: GRID * 3, y: GRID * 3 };

const remembered = (key: string, fallback: boolean): boolean => {
  try {
    const value = globalThis.localStorage?.getItem(key);
    return value === null || value === undefined ? fallback : value === 'true';
  } catch {
    return fallback;
  }
};
const remember = (key: string, value: boolean) => {
  try {
    globalThis.localStorage?.setItem(key, String(value));
  } catch {
    // Preferences are a convenience; a browser that refuses storage still edits.
  }
};

/** Whether the canvas holds changes that are not saved. */
export const isDirty = (s: Pick<CanvasState, 'definition' | 'savedDefinition'>) =>
  s.definition !== s.savedDefinition;

/** The one node the inspector shows: the selection when it is a single node. */
export const selectedNode = (s: Pick<CanvasState, 'definition' | 'selection'>) =>
  s.selection.nodes.length === 1 ? (findNode(s.definition, s.selection.nodes[0]!) ?? null) : null;

const DEFERRED_VALIDATION_FROM = 150;
const VALIDATION_DELAY_MS = 150;

let latestOpen = 0;
let opening: { id: string; done: Promise<void> } | null = null;
let validationTimer: ReturnType<typeof setTimeout> | undefined;
// A save's own "workflow.saved" event must not read as a change made elsewhere.
let refreshAfterSave = false;

const blank = emptyDefinition();

export const useCanvasStore = create<CanvasState>()((set, get) => {
  /** Flow nodes and edges for a definition and selection, reusing unchanged ones. */
  const drawn = (definition: WorkflowDefinition, selection: Selection) => {
    const ids = nodeIds(definition);
    const edgeIds = new Set(definition.edges.map((e) => e.id));
    const kept = {
      nodes: selection.nodes.filter((id) => ids.has(id)),
      edges: selection.edges.filter((id) => edgeIds.has(id)),
    };
    const s = get();
    return {
      selection: kept,
      nodes: toFlowNodes(definition, s.nodes, new Set(kept.nodes)),
      edges: toFlowEdges(definition, s.edges, new Set(kept.edges)),
    };
  };

  const checked = (definition: WorkflowDefinition, lastRun = get().lastRun) => {
    const problems = validateWorkflow(definition, get().lookup);
    return { problems, statuses: nodeStatuses(definition, problems, lastRun) };
  };

  /**
   * Problems after an edit: at once for ordinary workflows; for big ones (validation grows with
   * the square of the steps) once a burst of edits pauses, so typing in the inspector stays quick.
   */
  const revalidate = (definition: WorkflowDefinition) => {
    clearTimeout(validationTimer);
    if (definition.steps.length < DEFERRED_VALIDATION_FROM) return checked(definition);
    validationTimer = setTimeout(() => set(checked(get().definition)), VALIDATION_DELAY_MS);
    return {};
  };

  /** Every edit goes through here: one undo entry (or part of a burst), selection kept valid. */
  const commit = (
    next: WorkflowDefinition,
    options: { select?: Selection; burst?: string; positionsOnly?: boolean } = {},
  ) => {
    const s = get();
    if (next === s.definition) return;
    set({
      definition: next,
      history: recordChange(s.history, s.definition, options.burst ?? null, Date.now()),
      ...drawn(next, options.select ?? s.selection),
      ...(options.positionsOnly ? {} : revalidate(next)),
    });
  };

  /** Undo or redo: the document as it was, the selection kept where it still applies. */
  const travel = (step: typeof undo) => {
    const s = get();
    const to = step(s.history, s.definition);
    if (!to) return;
    set({
      definition: to.definition,
      history: to.history,
      ...drawn(to.definition, s.selection),
      ...revalidate(to.definition),
    });
  };

  /** Replaces the document (open, reload, restore): a clean canvas at that version. */
  const load = (workflow: Workflow, keepHistory: boolean) => {
    clearTimeout(validationTimer);
    const definition = workflow.definition;
    const s = get();
    set({
      workflow,
      status: 'ready',
      definition,
      savedDefinition: definition,
      history: keepHistory
        ? recordChange(s.history, s.definition, null, Date.now())
        : emptyHistory(),
      conflict: null,
      ...drawn(definition, keepHistory ? s.selection : { nodes: [], edges: [] }),
      // A big workflow is drawn first and checked once it is on screen.
      ...(definition.steps.length < DEFERRED_VALIDATION_FROM
        ? checked(definition)
        : { problems: [], statuses: new Map<string, NodeStatus>() }),
    });
    if (definition.steps.length >= DEFERRED_VALIDATION_FROM) revalidate(definition);
  };

  const call = async <T>(work: () => Promise<T>, title: string): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'conflict') set({ conflict: apiError.message });
      else reportError(apiError, title);
      return null;
    }
  };

  const refresh = async (id: string) => {
    const s = get();
    const fetched = await call(
      async () => unwrap(await api.call('workflows:get', { id })),
      'Could not refresh the workflow',
    );
    if (!fetched || get().workflowId !== id || !s.workflow) return;
    const current = get();
    const sameDefinition =
      JSON.stringify(fetched.definition) === JSON.stringify(current.workflow?.definition);
    if (sameDefinition) {
      // Only its name, state or version moved (a rename, enable, or our own save).
      set({ workflow: { ...fetched, definition: current.workflow!.definition } });
    } else if (!isDirty(current)) {
      load(fetched, false);
    } else {
      set({
        conflict: `“${fetched.name}” was saved elsewhere (version ${fetched.version}) while you were editing it.`,
      });
    }
  };

  /** The editor with no workflow in it: where it starts and where close() leaves it. */
  const noWorkflowOpen = () => ({
    workflowId: null,
    workflow: null,
    status: 'loading' as const,
    definition: blank,
    savedDefinition: blank,
    history: emptyHistory(),
    nodes: [],
    edges: [],
    selection: { nodes: [], edges: [] },
    panel: null,
    problems: [],
    statuses: new Map(),
    conflict: null,
    lastRun: null,
  });

  return {
    ...noWorkflowOpen(),
    snapToGrid: remembered(SNAP_KEY, true),
    lookup: createDescriptorLookup(),
    saving: false,
    testing: false,
    dryRun: remembered(DRY_RUN_KEY, true),

    open: async (id) => {
      if (get().workflowId === id && get().status === 'ready') return refresh(id);
      // Started at start-up (main.tsx) and again by the page: one fetch, not two.
      if (opening?.id === id && get().workflowId === id) return opening.done;
      const ticket = ++latestOpen;
      set({
        workflowId: id,
        workflow: null,
        status: 'loading',
        nodes: [],
        edges: [],
        selection: { nodes: [], edges: [] },
        panel: null,
        lastRun: null,
        conflict: null,
      });
      const fetched = api.call('workflows:get', { id });
      const done = fetched.then(
        () => undefined,
        () => undefined,
      );
      opening = { id, done };
      void done.then(() => {
        if (opening?.done === done) opening = null;
      });
      try {
        const workflow = unwrap(await fetched);
        if (ticket === latestOpen) load(workflow, false);
      } catch (caught) {
        if (ticket !== latestOpen) return;
        const error = toApiError(caught);
        // A malformed id cannot name a workflow either: both read as "not found" to the user.
        if (error.code === 'not_found' || error.code === 'invalid_input') {
          set({ workflow: null, status: 'not_found' });
          return;
        }
        set({ status: 'failed' });
        reportError(error, 'Could not open the workflow');
      }
    },

    close: () => {
      latestOpen++;
      opening = null;
      clearTimeout(validationTimer);
      set(noWorkflowOpen());
    },

    onWorkflowChanged: (id) => {
      const s = get();
      if (s.workflowId !== id || s.status !== 'ready') return;
      if (s.saving) refreshAfterSave = true;
      else void refresh(id);
    },

    setDescriptors: (lookup) => {
      if (get().lookup === lookup) return;
      set({ lookup });
      set(checked(get().definition));
    },

    onNodesChange: (changes) => {
      const relevant = changes.filter(
        (c) => c.type === 'position' || c.type === 'dimensions' || c.type === 'select',
      );
      if (relevant.length === 0) return;
      const s = get();
      const nodes = applyNodeChanges(relevant, s.nodes);
      const selectionChanged = relevant.some((c) => c.type === 'select');
      const selection = selectionChanged
        ? { ...s.selection, nodes: nodes.filter((n) => n.selected).map((n) => n.id) }
        : s.selection;
      set({ nodes, selection });
      // While a drag lasts only the drawing moves; where it ends is one change to the workflow.
      const ended = relevant.filter((c) => c.type === 'position' && !c.dragging);
      if (ended.length > 0) {
        const moved = new Set(ended.map((c) => c.id));
        const positions = new Map(
          nodes.filter((n) => moved.has(n.id)).map((n) => [n.id, n.position] as const),
        );
        commit(moveNodes(s.definition, positions), { positionsOnly: true });
      }
    },

    onEdgesChange: (changes) => {
      const relevant = changes.filter((c) => c.type === 'select');
      if (relevant.length === 0) return;
      const s = get();
      const edges = applyEdgeChanges(relevant, s.edges);
      set({
        edges,
        selection: { ...s.selection, edges: edges.filter((e) => e.selected).map((e) => e.id) },
      });
    },

    connect: (connection) => commit(connectNodes(get().definition, connection)),

    addFromPalette: (key, position) => {
      const template = templateFromKey(key);
      if (!template) return null;
      const s = get();
      const id = nextId(idBaseOf(template), nodeIds(s.definition));
      if (position) {
        const node = createNode(template, id, position);
        commit(appendNode(s.definition, null, node), { select: { nodes: [node.id], edges: [] } });
        return node.id;
      }
      const after = s.selection.nodes.length === 1 ? s.selection.nodes[0]! : null;
      const point = appendPoint(s.definition, template.kind === 'trigger' ? null : after);
      const from = template.kind === 'trigger' ? null : point.from;
      const node = createNode(template, id, point.position);
      commit(appendNode(s.definition, from, node), { select: { nodes: [node.id], edges: [] } });
      return node.id;
    },

    insertOnEdge: (edgeId, key) => {
      const template = templateFromKey(key);
      if (!template || template.kind === 'trigger') return null;
      const s = get();
      const node = createNode(template, nextId(idBaseOf(template), nodeIds(s.definition)), {
        x: 0,
        y: 0,
      });
      const next = insertNodeOnEdge(s.definition, edgeId, node);
      commit(next, { select: { nodes: [node.id], edges: [] } });
      return next === s.definition ? null : node.id;
    },

    changeNode: (id, next) => {
      const s = get();
      if (!findNode(s.definition, id)) return;
      const select = next.id === id ? s.selection : { nodes: [next.id], edges: [] };
      commit(replaceNode(s.definition, id, next), { burst: `node:${id}`, select });
    },

    deleteSelection: () => {
      const s = get();
      commit(deleteElements(s.definition, s.selection.nodes, s.selection.edges), {
        select: { nodes: [], edges: [] },
      });
    },

    copySelection: () => copyNodes(get().definition, get().selection.nodes),

    paste: (text) => {
      const fragment = parseFragment(text);
      if (!fragment) return false;
      const { definition, pasted } = pasteFragment(get().definition, fragment, PASTE_OFFSET);
      commit(definition, { select: { nodes: pasted, edges: [] } });
      return pasted.length > 0;
    },

    duplicateSelection: () => {
      const text = get().copySelection();
      if (text) get().paste(text);
    },

    select: (nodes, edges = []) => set(drawn(get().definition, { nodes, edges })),

    selectAll: () =>
      set(drawn(get().definition, { nodes: [...nodeIds(get().definition)], edges: [] })),

    undo: () => travel(undo),

    redo: () => travel(redo),

    applyLayout: (positions) =>
      commit(moveNodes(get().definition, positions), { positionsOnly: true }),

    save: async () => {
      const s = get();
      if (!s.workflow || s.saving) return false;
      const definition = s.definition;
      set({ saving: true });
      const saved = await call(
        async () =>
          unwrap(
            await api.call('workflows:save', {
              id: s.workflow!.id,
              name: s.workflow!.name,
              description: s.workflow!.description,
              definition,
              expectedVersion: s.workflow!.version,
            }),
          ),
        `Could not save “${s.workflow.name}”`,
      );
      set({ saving: false });
      if (saved) set({ workflow: saved, savedDefinition: definition, conflict: null });
      if (refreshAfterSave) {
        refreshAfterSave = false;
        if (get().workflowId) void refresh(get().workflowId!);
      }
      return saved !== null;
    },

    reload: async () => {
      const id = get().workflowId;
      if (!id) return;
      const fetched = await call(
        async () => unwrap(await api.call('workflows:get', { id })),
        'Could not reload the workflow',
      );
      if (fetched && get().workflowId === id) load(fetched, false);
    },

    dismissConflict: () => set({ conflict: null }),

    rename: async (name) => {
      const w = get().workflow;
      if (!w) return false;
      const saved = await call(
        async () =>
          unwrap(await api.call('workflows:save', { id: w.id, name, expectedVersion: w.version })),
        `Could not rename the workflow to “${name}”`,
      );
      if (saved) set({ workflow: { ...saved, definition: get().workflow!.definition } });
      return saved !== null;
    },

    setDryRun: (dryRun) => {
      remember(DRY_RUN_KEY, dryRun);
      set({ dryRun });
    },

    testWorkflow: async () => {
      if (get().testing || !get().workflow) return;
      set({ testing: true });
      if (isDirty(get()) && !(await get().save())) {
        set({ testing: false });
        return;
      }
      const { workflow, dryRun } = get();
      const run = await call(
        async () => unwrap(await api.call('workflows:test', { id: workflow!.id, dryRun })),
        `Could not test “${workflow!.name}”`,
      );
      set({ testing: false });
      if (run) {
        const s = get();
        set({ lastRun: run, statuses: nodeStatuses(s.definition, s.problems, run) });
      }
    },

    dismissLastRun: () => {
      const s = get();
      set({ lastRun: null, statuses: nodeStatuses(s.definition, s.problems, null) });
    },

    setEnabled: async (enabled) => {
      const s = get();
      if (!s.workflow) return;
      if (enabled && isDirty(s) && !(await get().save())) return;
      const id = s.workflow.id;
      const channel = enabled ? 'workflows:enable' : 'workflows:disable';
      const result = await call(
        async () => unwrap(await api.call(channel, { id })),
        enabled
          ? `Could not enable “${s.workflow.name}”`
          : `Could not disable “${s.workflow.name}”`,
      );
      if (result && get().workflowId === id) {
        set({ workflow: { ...result, definition: get().workflow!.definition } });
      }
    },

    restoreVersion: async (version) => {
      const w = get().workflow;
      if (!w) return false;
      const restored = await call(
        async () =>
          unwrap(
            await api.call('workflows:restore', { id: w.id, version, expectedVersion: w.version }),
          ),
        `Could not restore version ${version}`,
      );
      if (restored && get().workflowId === w.id) load(restored, true);
      return restored !== null;
    },

    showPanel: (panel) => set({ panel }),

    toggleSnapToGrid: () => {
      const snapToGrid = !get().snapToGrid;
      remember(SNAP_KEY, snapToGrid);
      set({ snapToGrid });
    },
  };
});
