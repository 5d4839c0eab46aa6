import { UserError } from '@shared/errors';
import type { ActionDescriptor } from '@shared/connectors/types';
import type { DescriptorLookup } from '@shared/connectors/registry';
import { compileCondition } from '@shared/workflow/conditions';
import { buildGraph, executionOrder } from '@shared/workflow/graph';
import { compileMapping } from '@shared/workflow/mapping';
import type {
  ActionStep,
  DelayStep,
  TriggerNode,
  Workflow,
  WorkflowEdge,
  WorkflowSettings,
  WorkflowStep,
} from '@shared/workflow/schema';
import { blocking, validateWorkflow } from '@shared/workflow/validate';
import type { ConnectorImpls } from '../connectors/registry';
import type { ActionImpl } from '../connectors/types';

type Compiled =
  | { type: 'action'; step: ActionStep; descriptor: ActionDescriptor; impl: ActionImpl<unknown> }
  | { type: 'mapping'; mapping: ReturnType<typeof compileMapping> }
  | { type: 'filter' | 'branch'; condition: ReturnType<typeof compileCondition> }
  | { type: 'delay'; step: DelayStep };

export interface PlannedStep {
  id: string;
  name: string;
  step: WorkflowStep;
  incoming: readonly WorkflowEdge[];
  compiled: Compiled;
}

/** A workflow version made ready to execute: steps in order, mappings and conditions compiled. */
export interface Plan {
  workflowId: string;
  version: number;
  settings: WorkflowSettings;
  trigger: TriggerNode;
  steps: readonly PlannedStep[];
}

/**
 * Compiles a workflow for execution. Refuses one with blocking problems, naming the first, so a
 * run fails with a message the operator can act on rather than half-executing.
 */
export function compilePlan(
  workflow: Workflow,
  lookup: DescriptorLookup,
  impls: ConnectorImpls,
): Plan {
  const def = workflow.definition;
  const problems = blocking(validateWorkflow(def, lookup), ['error', 'incomplete']);
  if (problems.length > 0 || !def.trigger) {
    const first = problems[0];
    const where = first?.nodeId
      ? `step "${first.nodeId}"${first.field ? ` (${first.field})` : ''}: `
      : '';
    throw new UserError(
      'invalid_input',
      `"${workflow.name}" cannot run: ${where}${first?.message ?? 'it has no trigger.'}`,
      { problems },
    );
  }
  const graph = buildGraph(def);
  const steps: PlannedStep[] = [];
  for (const id of executionOrder(graph)) {
    const node = graph.nodes.get(id);
    if (!node || node.type === 'trigger') continue;
    steps.push({
      id,
      name: node.name ?? id,
      step: node,
      incoming: graph.incoming.get(id) ?? [],
      compiled: compileStep(node, lookup, impls),
    });
  }
  return {
    workflowId: workflow.id,
    version: workflow.version,
    settings: def.settings,
    trigger: def.trigger,
    steps,
  };
}

function compileStep(
  step: WorkflowStep,
  lookup: DescriptorLookup,
  impls: ConnectorImpls,
): Compiled {
  switch (step.type) {
    case 'mapping':
      return { type: 'mapping', mapping: compileMapping(step.mapping) };
    case 'filter':
    case 'branch':
      return { type: step.type, condition: compileCondition(step.condition) };
    case 'delay':
      return { type: 'delay', step };
    case 'action': {
      const descriptor = lookup.action(step.connector, step.operation);
      const impl = impls.action(step.connector, step.operation);
      if (!descriptor || !impl) {
        throw new UserError(
          'invalid_input',
          `Step "${step.id}": this version of Switchyard cannot run ${step.connector}.${step.operation}.`,
        );
      }
      return { type: 'action', step, descriptor, impl };
    }
  }
}
