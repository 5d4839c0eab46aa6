import type { WorkflowDefinitionInput } from '@shared/workflow/schema';

type StepInput = WorkflowDefinitionInput['steps'][number];
type TriggerInput = NonNullable<WorkflowDefinitionInput['trigger']>;

/** Builders for workflow definitions in tests and benchmarks. */
export const manualTrigger = (sample: Record<string, unknown> = {}): TriggerInput => ({
  id: 'trigger',
  type: 'trigger',
  connector: 'manual',
  operation: 'start',
  position: { x: 0, y: 0 },
  config: { sample },
});

export const debugStep = (id: string, config: Record<string, unknown> = {}): StepInput => ({
  id,
  type: 'action',
  connector: 'debug',
  operation: 'record',
  position: { x: 0, y: 0 },
  config,
});

export const mappingStep = (
  id: string,
  fields: Extract<StepInput, { type: 'mapping' }>['mapping']['fields'],
): StepInput => ({ id, type: 'mapping', position: { x: 0, y: 0 }, mapping: { fields } });

export const filterStep = (id: string, left: string, operator: string, right?: string): StepInput =>
  ({
    id,
    type: 'filter',
    position: { x: 0, y: 0 },
    condition: {
      combinator: 'all',
      rules: [{ left, operator, ...(right === undefined ? {} : { right }) }],
    },
  }) as StepInput;

/** A straight line: trigger → steps[0] → steps[1] → … */
export function chain(
  trigger: TriggerInput,
  steps: StepInput[],
  settings: WorkflowDefinitionInput['settings'] = {},
): WorkflowDefinitionInput {
  const ids = ['trigger', ...steps.map((s) => s.id)];
  return {
    trigger,
    steps: steps.map((s, i) => ({ ...s, position: { x: 240 * (i + 1), y: 0 } })),
    edges: ids.slice(1).map((id, i) => ({ id: `e_${ids[i]}_${id}`, source: ids[i]!, target: id })),
    settings,
  };
}
