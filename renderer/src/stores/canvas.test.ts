// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunDetail } from '@shared/runs';
import {
  WorkflowDefinition,
  type Workflow,
  type WorkflowDefinitionInput,
} from '@shared/workflow/schema';
import { api } from '../api/client';
import type * as ApiErrors from '../api/errors';
import { isDirty, useCanvasStore } from './canvas';

vi.mock('../api/client', async () => {
  const errors = await vi.importActual<typeof ApiErrors>('../api/errors');
  return {
    api: { call: vi.fn(), onEvent: vi.fn() },
    unwrap: errors.unwrap,
    toApiError: errors.toApiError,
    ApiError: errors.ApiError,
  };
});

const call = vi.mocked(api.call);
const store = () => useCanvasStore.getState();
const at = (x: number, y: number) => ({ x, y });

const manualTrigger = {
  id: 'trigger',
  type: 'trigger',
  connector: 'manual',
  operation: 'start',
  connection: null,
  config: {},
  position: at(0, 0),
} as const;
const debugStep = (id: string, x: number, config: Record<string, unknown> = {}) =>
  ({
    id,
    type: 'action',
    connector: 'debug',
    operation: 'record',
    connection: null,
    config,
    position: at(x, 0),
  }) as const;

/** trigger → action_1 → action_2 */
const chain: WorkflowDefinitionInput = {
  trigger: manualTrigger,
  steps: [debugStep('action_1', 352), debugStep('action_2', 704)],
  edges: [
    { id: 'a', source: 'trigger', target: 'action_1' },
    { id: 'b', source: 'action_1', target: 'action_2' },
  ],
};

const workflowOf = (definition: WorkflowDefinitionInput, version = 1): Workflow => ({
  id: 'wf1',
  name: 'Leads',
  description: '',
  state: 'draft',
  stateReason: null,
  version,
  definition: WorkflowDefinition.parse(definition),
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

async function openWith(definition: WorkflowDefinitionInput) {
  call.mockResolvedValueOnce({ ok: true, value: workflowOf(definition) });
  await store().open('wf1');
  expect(store().status).toBe('ready');
}

const ids = () => [
  ...(store().definition.trigger ? ['trigger'] : []),
  ...store().definition.steps.map((s) => s.id),
];
const edgePairs = () => store().definition.edges.map((e) => `${e.source}->${e.target}`);

beforeEach(() => {
  call.mockReset();
  store().close();
});

describe('adding and connecting', () => {
  it('drops a palette entry where it was dropped, unconnected, with the next free id', async () => {
    await openWith(chain);
    const id = store().addFromPalette('action:debug.record', at(100, 300));
    expect(id).toBe('action_3');
    const added = store().definition.steps.find((s) => s.id === 'action_3')!;
    expect(added.position).toEqual(at(100, 300));
    expect(edgePairs()).not.toContain('action_2->action_3');
    expect(store().selection.nodes).toEqual(['action_3']);
    expect(store().nodes.map((n) => n.id)).toContain('action_3');
  });

  it('appends a clicked entry after the selected node and connects it', async () => {
    await openWith(chain);
    store().select(['action_1']);
    store().addFromPalette('logic:filter', null);
    expect(edgePairs()).toContain('action_1->filter_1');
    const filter = store().definition.steps.find((s) => s.id === 'filter_1')!;
    expect(filter.position.x).toBeGreaterThan(352);
    // Not on top of action_2, which already sits right of action_1.
    expect(filter.position).not.toEqual(store().definition.steps[1]!.position);
  });

  it('appends after the end of the chain when nothing is selected', async () => {
    await openWith(chain);
    store().addFromPalette('logic:delay', null);
    expect(edgePairs()).toContain('action_2->delay_1');
  });

  it('gives new logic steps defaults that a draft can be saved with', async () => {
    await openWith(chain);
    for (const type of ['mapping', 'filter', 'branch', 'delay']) {
      store().select(['action_2']);
      store().addFromPalette(`logic:${type}`, null);
    }
    expect(() => WorkflowDefinition.parse(store().definition)).not.toThrow();
    expect(store().problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('a trigger from the palette replaces the trigger, keeping its place and edges', async () => {
    await openWith(chain);
    store().addFromPalette('trigger:schedule.every', at(500, 500));
    const trigger = store().definition.trigger!;
    expect(trigger.connector).toBe('schedule');
    expect(trigger.position).toEqual(at(0, 0));
    expect(edgePairs()).toContain('trigger->action_1');
  });

  it('connects two nodes, and refuses a loop, a self-edge and an edge into the trigger', async () => {
    await openWith({ ...chain, edges: [] });
    store().connect({ source: 'trigger', target: 'action_1' });
    store().connect({ source: 'action_1', target: 'action_2' });
    expect(edgePairs()).toEqual(['trigger->action_1', 'action_1->action_2']);
    store().connect({ source: 'action_2', target: 'action_1' });
    store().connect({ source: 'action_2', target: 'action_2' });
    store().connect({ source: 'action_2', target: 'trigger' });
    store().connect({ source: 'trigger', target: 'action_1' });
    expect(edgePairs()).toEqual(['trigger->action_1', 'action_1->action_2']);
  });

  it('connects a branch by the output it was drawn from', async () => {
    await openWith(chain);
    store().addFromPalette('logic:branch', at(0, 300));
    store().connect({ source: 'branch_1', target: 'action_2', sourceHandle: 'false' });
    expect(store().definition.edges.at(-1)).toMatchObject({
      source: 'branch_1',
      target: 'action_2',
      sourceHandle: 'false',
    });
  });

  it('inserts a step on an edge: source → step → target', async () => {
    await openWith(chain);
    const edge = store().definition.edges.find((e) => e.target === 'action_2')!;
    store().insertOnEdge(edge.id, 'logic:mapping');
    expect(edgePairs()).toEqual([
      'trigger->action_1',
      'action_1->mapping_1',
      'mapping_1->action_2',
    ]);
    // action_2 made room for it.
    expect(store().definition.steps.find((s) => s.id === 'action_2')!.position.x).toBeGreaterThan(
      704,
    );
  });
});

describe('deleting, undo and redo', () => {
  it('deleting a step in a chain joins its neighbours; undo and redo walk the change', async () => {
    await openWith(chain);
    store().select(['action_1']);
    store().deleteSelection();
    expect(ids()).toEqual(['trigger', 'action_2']);
    expect(edgePairs()).toEqual(['trigger->action_2']);
    store().undo();
    expect(ids()).toEqual(['trigger', 'action_1', 'action_2']);
    expect(edgePairs()).toEqual(['trigger->action_1', 'action_1->action_2']);
    store().redo();
    expect(ids()).toEqual(['trigger', 'action_2']);
  });

  it('deletes selected edges, and the trigger', async () => {
    await openWith(chain);
    store().select([], ['b']);
    store().deleteSelection();
    expect(edgePairs()).toEqual(['trigger->action_1']);
    store().select(['trigger']);
    store().deleteSelection();
    expect(store().definition.trigger).toBeNull();
    expect(edgePairs()).toEqual([]);
  });

  it('a drag is one undo entry, however many moves it reported', async () => {
    await openWith(chain);
    const before = store().history.past.length;
    for (const x of [10, 20, 30]) {
      store().onNodesChange([
        { type: 'position', id: 'action_1', position: at(352 + x, 0), dragging: true },
      ]);
    }
    // While dragging, the workflow itself has not changed yet.
    expect(store().definition.steps[0]!.position).toEqual(at(352, 0));
    store().onNodesChange([
      { type: 'position', id: 'action_1', position: at(400, 16), dragging: false },
    ]);
    expect(store().definition.steps[0]!.position).toEqual(at(400, 16));
    expect(store().history.past.length).toBe(before + 1);
    store().undo();
    expect(store().definition.steps[0]!.position).toEqual(at(352, 0));
    expect(store().nodes.find((n) => n.id === 'action_1')!.position).toEqual(at(352, 0));
  });

  it('a burst of inspector changes to one node is one undo entry', async () => {
    await openWith(chain);
    const step = store().definition.steps[0]!;
    for (const name of ['S', 'Se', 'Sen', 'Send'])
      store().changeNode('action_1', { ...step, name });
    expect(store().definition.steps[0]!.name).toBe('Send');
    store().undo();
    expect(store().definition.steps[0]!.name).toBeUndefined();
    expect(store().history.future.length).toBe(1);
  });

  it('a new change after undo drops the redo history', async () => {
    await openWith(chain);
    store().addFromPalette('logic:delay', at(0, 300));
    store().undo();
    store().addFromPalette('logic:filter', at(0, 300));
    expect(store().history.future).toEqual([]);
  });
});

describe('copy and paste', () => {
  it('pastes copies with new ids and references that follow them', async () => {
    await openWith({
      trigger: manualTrigger,
      steps: [
        debugStep('action_1', 352),
        debugStep('action_2', 704, { record: '{{action_1.received}} for {{ trigger.email }}' }),
      ],
      edges: chain.edges,
    });
    store().select(['action_1', 'action_2']);
    const text = store().copySelection()!;
    expect(JSON.parse(text).steps).toHaveLength(2);
    expect(store().paste(text)).toBe(true);

    expect(ids()).toEqual(['trigger', 'action_1', 'action_2', 'action_3', 'action_4']);
    const copy = store().definition.steps.find((s) => s.id === 'action_4')!;
    expect(copy.type === 'action' && copy.config.record).toBe(
      '{{action_3.received}} for {{ trigger.email }}',
    );
    expect(edgePairs()).toContain('action_3->action_4');
    expect(store().selection.nodes).toEqual(['action_3', 'action_4']);
    expect(copy.position).not.toEqual(store().definition.steps[1]!.position);
  });

  it('rewrites path sources and condition rules of pasted mappings and filters', async () => {
    await openWith({
      trigger: manualTrigger,
      steps: [
        {
          id: 'mapping_1',
          type: 'mapping',
          position: at(352, 0),
          mapping: {
            fields: [{ target: 'email', source: { kind: 'path', path: 'trigger.email' } }],
          },
        },
        {
          id: 'filter_1',
          type: 'filter',
          position: at(704, 0),
          condition: {
            combinator: 'all',
            rules: [{ left: 'mapping_1.email', operator: 'is_not_empty' }],
          },
        },
      ],
      edges: [{ id: 'a', source: 'mapping_1', target: 'filter_1' }],
    });
    store().select(['mapping_1', 'filter_1']);
    store().duplicateSelection();
    const filter = store().definition.steps.find((s) => s.id === 'filter_2')!;
    expect(filter.type === 'filter' && filter.condition.rules[0]!.left).toBe('mapping_2.email');
    const mapping = store().definition.steps.find((s) => s.id === 'mapping_2')!;
    // A reference to a node that was not copied keeps pointing at it.
    expect(mapping.type === 'mapping' && mapping.mapping.fields[0]!.source).toEqual({
      kind: 'path',
      path: 'trigger.email',
    });
  });

  it('ignores clipboard text that is not workflow JSON', async () => {
    await openWith(chain);
    expect(store().paste('hello')).toBe(false);
    expect(store().paste('{"steps": [{"id": 1}]}')).toBe(false);
    expect(ids()).toEqual(['trigger', 'action_1', 'action_2']);
  });

  it('pastes a trigger only into a workflow that has none', async () => {
    await openWith(chain);
    store().select(['trigger']);
    const text = store().copySelection()!;
    store().paste(text);
    expect(store().definition.trigger!.position).toEqual(at(0, 0));
    store().select(['trigger']);
    store().deleteSelection();
    store().paste(text);
    expect(store().definition.trigger).not.toBeNull();
  });
});

describe('unsaved changes and saving', () => {
  it('is dirty after an edit and clean again when undone to the saved state', async () => {
    await openWith(chain);
    expect(isDirty(store())).toBe(false);
    store().addFromPalette('logic:delay', at(0, 300));
    expect(isDirty(store())).toBe(true);
    store().undo();
    expect(isDirty(store())).toBe(false);
  });

  it('saves with the version it started from, and is clean after', async () => {
    await openWith(chain);
    store().addFromPalette('logic:delay', null);
    const sent = store().definition;
    call.mockResolvedValueOnce({ ok: true, value: workflowOf(sent, 2) });
    expect(await store().save()).toBe(true);
    expect(call).toHaveBeenLastCalledWith('workflows:save', {
      id: 'wf1',
      name: 'Leads',
      description: '',
      definition: sent,
      expectedVersion: 1,
    });
    expect(isDirty(store())).toBe(false);
    expect(store().workflow!.version).toBe(2);
  });

  it('a save refused as a conflict says so and keeps the changes', async () => {
    await openWith(chain);
    store().addFromPalette('logic:delay', null);
    call.mockResolvedValueOnce({
      ok: false,
      error: { code: 'conflict', message: '"Leads" was saved elsewhere (version 3).' },
    });
    expect(await store().save()).toBe(false);
    expect(store().conflict).toMatch(/saved elsewhere/);
    expect(isDirty(store())).toBe(true);

    call.mockResolvedValueOnce({ ok: true, value: workflowOf(chain, 3) });
    await store().reload();
    expect(store().conflict).toBeNull();
    expect(isDirty(store())).toBe(false);
    expect(store().workflow!.version).toBe(3);
  });

  it('a change saved elsewhere replaces a clean canvas, and is flagged over a dirty one', async () => {
    await openWith(chain);
    const elsewhere = { ...chain, steps: [debugStep('action_1', 352)], edges: [chain.edges[0]!] };
    call.mockResolvedValueOnce({ ok: true, value: workflowOf(elsewhere, 2) });
    store().onWorkflowChanged('wf1');
    await vi.waitFor(() => expect(ids()).toEqual(['trigger', 'action_1']));

    store().addFromPalette('logic:delay', null);
    call.mockResolvedValueOnce({ ok: true, value: workflowOf(chain, 3) });
    store().onWorkflowChanged('wf1');
    await vi.waitFor(() => expect(store().conflict).toMatch(/saved elsewhere/));
    expect(ids()).toContain('delay_1');
  });

  it('testing saves pending changes first and keeps the run for the nodes’ badges', async () => {
    await openWith(chain);
    store().addFromPalette('logic:delay', null);
    call.mockResolvedValueOnce({ ok: true, value: workflowOf(store().definition, 2) });
    const run = {
      id: 7,
      state: 'succeeded',
      steps: [{ stepId: 'action_1', state: 'dry_run' }],
    } as unknown as RunDetail;
    call.mockResolvedValueOnce({ ok: true, value: run });
    await store().testWorkflow();
    expect(call.mock.calls.map((c) => c[0])).toEqual([
      'workflows:get',
      'workflows:save',
      'workflows:test',
    ]);
    expect(call).toHaveBeenLastCalledWith('workflows:test', { id: 'wf1', dryRun: true });
    expect(store().lastRun).toBe(run);
    expect(store().statuses.get('action_1')).toBe('run:dry_run');
  });
});

describe('validation', () => {
  it('marks nodes with problems after every structural change', async () => {
    await openWith(chain);
    expect(store().problems).toEqual([]);
    store().addFromPalette('trigger:schedule.every', null);
    expect(store().statuses.get('trigger')).toBe('unconfigured');
    store().addFromPalette('logic:delay', at(0, 400));
    expect(store().statuses.get('delay_1')).toMatch(/^problems:1:warning$/);
  });

  it('validates a big workflow once a burst of edits pauses, not on every change', async () => {
    const steps = Array.from({ length: 200 }, (_, i) =>
      debugStep(`action_${i + 1}`, 352 * (i + 1)),
    );
    const edges = steps.map((step, i) => ({
      id: `e${i}`,
      source: i === 0 ? 'trigger' : steps[i - 1]!.id,
      target: step.id,
    }));
    await openWith({ trigger: manualTrigger, steps, edges });
    vi.useFakeTimers();
    try {
      store().addFromPalette('logic:delay', at(0, 900));
      expect(store().statuses.get('delay_1')).toBeUndefined();
      vi.runAllTimers();
      expect(store().statuses.get('delay_1')).toMatch(/^problems:1:warning$/);
    } finally {
      vi.useRealTimers();
    }
  });
});
