import type { DescriptorLookup } from '@shared/connectors/registry';
import { compileCondition } from '@shared/workflow/conditions';
import { buildGraph, executionOrder, findCycle } from '@shared/workflow/graph';
import { compileMapping, Mapping, type Scope } from '@shared/workflow/mapping';
import { TRIGGER_ID, type WorkflowDefinition, type WorkflowNode } from '@shared/workflow/schema';
import type { RunDetail, RunStepLog } from '@shared/runs';

/** Where a node's sample data came from, so the editor can say how much to trust it. */
export type SampleOrigin = 'last_run' | 'config' | 'sample' | 'computed';

export interface SampleScope {
  /** Sample data keyed by node id, shaped like the scope the engine builds during a run. */
  scope: Scope;
  origins: Readonly<Record<string, SampleOrigin>>;
}

export const ORIGIN_LABELS: Readonly<Record<SampleOrigin, string>> = {
  last_run: 'last run',
  config: 'sample item',
  sample: 'example',
  computed: 'preview',
};

/**
 * The data each node would hand to later steps: the last test run's outputs when there is one;
 * else the manual trigger's own sample item, the connector's example, or (for mapping, filter and
 * branch steps) what the shared engine code computes from the samples before it.
 */
export function sampleScope(
  definition: WorkflowDefinition,
  lastRun: RunDetail | null,
  lookup: DescriptorLookup,
): SampleScope {
  const scope: Record<string, unknown> = {};
  const origins: Record<string, SampleOrigin> = {};
  const put = (id: string, value: unknown, origin: SampleOrigin) => {
    scope[id] = value;
    origins[id] = origin;
  };

  const ran = lastRun ? latestOutputs(lastRun.steps) : new Map<string, unknown>();
  const trigger = definition.trigger;
  if (lastRun && trigger && lastRun.triggerData !== undefined && lastRun.triggerData !== null) {
    put(TRIGGER_ID, lastRun.triggerData, 'last_run');
  } else if (trigger) {
    const own = trigger.connector === 'manual' ? trigger.config.sample : undefined;
    const example = lookup.trigger(trigger.connector, trigger.operation)?.sample;
    if (isFilledObject(own)) put(TRIGGER_ID, own, 'config');
    else if (example !== undefined) put(TRIGGER_ID, example, 'sample');
  }

  const graph = buildGraph(definition);
  const ordered = findCycle(graph) ? [] : executionOrder(graph);
  const order = [
    ...ordered,
    ...definition.steps.map((s) => s.id).filter((id) => !ordered.includes(id)),
  ];
  for (const id of order) {
    const node = graph.nodes.get(id);
    if (!node || node.type === 'trigger') continue;
    if (ran.has(id)) {
      put(id, ran.get(id), 'last_run');
      continue;
    }
    const computed = computeOutput(node, scope, lookup);
    if (computed) put(id, computed.value, computed.origin);
  }
  return { scope, origins };
}

/** The output of each step's latest attempt that produced one. */
function latestOutputs(steps: readonly RunStepLog[]): Map<string, unknown> {
  const latest = new Map<string, RunStepLog>();
  for (const step of steps) {
    if (step.output === null || step.output === undefined) continue;
    const seen = latest.get(step.stepId);
    if (!seen || step.attempt >= seen.attempt) latest.set(step.stepId, step);
  }
  return new Map([...latest].map(([id, step]) => [id, step.output]));
}

function computeOutput(
  node: Exclude<WorkflowNode, { type: 'trigger' }>,
  scope: Scope,
  lookup: DescriptorLookup,
): { value: unknown; origin: SampleOrigin } | null {
  try {
    switch (node.type) {
      case 'action': {
        const sample = lookup.action(node.connector, node.operation)?.sample;
        return sample === undefined ? null : { value: sample, origin: 'sample' };
      }
      case 'mapping': {
        const parsed = Mapping.safeParse(node.mapping);
        if (!parsed.success) return null;
        const compiled = compileMapping(parsed.data);
        if (compiled.hasExpressions) return null;
        return { value: compiled.evaluateSync(scope).value, origin: 'computed' };
      }
      case 'filter':
      case 'branch': {
        const verdict = compileCondition(node.condition).evaluate(scope);
        return node.type === 'filter'
          ? {
              value: { passed: verdict.passed, explanation: verdict.explanation },
              origin: 'computed',
            }
          : {
              value: { result: verdict.passed, explanation: verdict.explanation },
              origin: 'computed',
            };
      }
      case 'delay':
        return null;
    }
  } catch {
    return null; // an unfinished step has no sample yet; the editor shows its own problems
  }
}

const isFilledObject = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).length > 0;
