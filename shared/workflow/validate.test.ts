import { describe, expect, it } from 'vitest';
import { descriptors } from '../connectors/registry';
import { WorkflowDefinition, type WorkflowDefinitionInput } from './schema';
import { validateWorkflow } from './validate';

const at = { x: 0, y: 0 };
const trigger = {
  id: 'trigger',
  type: 'trigger',
  connector: 'manual',
  operation: 'start',
  position: at,
  config: {},
} as const;
const record = (id: string, record: unknown = 'x') =>
  ({
    id,
    type: 'action',
    connector: 'debug',
    operation: 'record',
    position: at,
    config: { record },
  }) as const;
const edge = (source: string, target: string, sourceHandle?: string) => ({
  id: `${source}-${target}`,
  source,
  target,
  sourceHandle,
});

function problems(input: WorkflowDefinitionInput) {
  return validateWorkflow(WorkflowDefinition.parse(input), descriptors);
}
const errors = (input: WorkflowDefinitionInput) =>
  problems(input).filter((p) => p.severity === 'error');

describe('validateWorkflow', () => {
  it('accepts a straight workflow and an empty draft', () => {
    expect(problems({ trigger, steps: [record('a')], edges: [edge('trigger', 'a')] })).toEqual([]);
    expect(errors({ trigger: null, steps: [], edges: [] })).toEqual([]);
  });

  it('accepts operations named under a family, as Google names them (sheets.new_row)', () => {
    const sheets = { ...trigger, connector: 'google', operation: 'sheets.new_row' } as const;
    expect(WorkflowDefinition.safeParse({ trigger: sheets, steps: [], edges: [] }).success).toBe(
      true,
    );
    for (const operation of ['Sheets.new_row', 'sheets.', '.x', 'x..y', 'sheets new_row']) {
      const parsed = WorkflowDefinition.safeParse({
        trigger: { ...trigger, operation },
        steps: [],
        edges: [],
      });
      expect(parsed.success, operation).toBe(false);
    }
  });

  it('rejects steps without a trigger', () => {
    expect(errors({ trigger: null, steps: [record('a')], edges: [] })).toEqual([
      expect.objectContaining({
        nodeId: null,
        field: 'trigger',
        message: expect.stringMatching(/no trigger/),
      }),
    ]);
  });

  it('rejects a cycle, naming its nodes', () => {
    const found = errors({
      trigger,
      steps: [record('a'), record('b')],
      edges: [edge('trigger', 'a'), edge('a', 'b'), edge('b', 'a')],
    });
    expect(found.map((p) => p.message)).toContainEqual(expect.stringMatching(/loop: a → b → a/));
  });

  it('rejects references to missing nodes and to nodes that run later', () => {
    const found = errors({
      trigger,
      steps: [record('a', '{{ghost.email}}'), record('b', '{{c.id}}'), record('c')],
      edges: [edge('trigger', 'a'), edge('a', 'b'), edge('b', 'c')],
    });
    expect(found).toEqual([
      expect.objectContaining({
        nodeId: 'a',
        field: expect.stringContaining('config'),
        message: expect.stringMatching(/"ghost", which is not a node/),
      }),
      expect.objectContaining({
        nodeId: 'b',
        message: expect.stringMatching(/"c", which does not run before this step/),
      }),
    ]);
  });

  it('rejects unknown connectors and operations, naming the node and field', () => {
    const found = errors({
      trigger,
      steps: [
        { ...record('a'), connector: 'nosuch' },
        { ...record('b'), operation: 'explode' },
      ],
      edges: [edge('trigger', 'a'), edge('a', 'b')],
    });
    expect(found).toEqual([
      expect.objectContaining({
        nodeId: 'a',
        field: 'connector',
        message: 'Unknown connector "nosuch".',
      }),
      expect.objectContaining({
        nodeId: 'b',
        field: 'operation',
        message: '"debug" has no action "explode".',
      }),
    ]);
  });

  it('requires branch connections to leave by "true" or "false", and nothing to enter the trigger', () => {
    const branch = {
      id: 'br',
      type: 'branch',
      position: at,
      condition: { combinator: 'all', rules: [{ left: 'trigger.x', operator: 'exists' }] },
    } as const;
    const found = errors({
      trigger,
      steps: [branch, record('a')],
      edges: [edge('trigger', 'br'), edge('br', 'a', 'maybe'), edge('a', 'trigger')],
    });
    expect(found.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/must leave by its "true" or "false" output/),
        expect.stringMatching(/Nothing can lead into the trigger/),
      ]),
    );
  });

  it('marks config that does not fit the connector as incomplete, unless it is a reference', () => {
    const found = problems({
      trigger,
      steps: [
        { ...record('a'), config: { failTimes: 'twice' } },
        { ...record('b'), config: { failTimes: '{{trigger.n}}' } },
      ],
      edges: [edge('trigger', 'a'), edge('a', 'b')],
    });
    expect(found).toEqual([
      expect.objectContaining({ severity: 'incomplete', nodeId: 'a', field: 'config.failTimes' }),
    ]);
  });

  it('warns about steps not connected to the trigger', () => {
    expect(problems({ trigger, steps: [record('lonely')], edges: [] })).toEqual([
      expect.objectContaining({ severity: 'warning', nodeId: 'lonely' }),
    ]);
  });

  it('rejects an unknown step type in the schema, naming where', () => {
    const parsed = WorkflowDefinition.safeParse({
      trigger,
      steps: [{ id: 'x', type: 'teleport', position: at }],
      edges: [],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['steps', 0, 'type']);
  });
});
