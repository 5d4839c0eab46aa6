import type { DescriptorLookup } from '@shared/connectors/registry';
import type { WorkflowNode } from '@shared/workflow/schema';
import { LOGIC_STEPS } from './templates';

export interface NodeDescription {
  /** The operator's name for the node, or what it does. */
  title: string;
  /** The operation, or a summary of a logic step's settings. */
  operation: string;
  icon: string;
  category: string;
  /** "Debug", "Logic" */
  source: string;
  /** Null when the connector needs no account. */
  needsConnection: boolean;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function delayText(delay: Extract<WorkflowNode, { type: 'delay' }>['delay']): string {
  if ('until' in delay) return `Wait until ${delay.until}`;
  const s = delay.seconds;
  if (s % 86_400 === 0) return `Wait ${plural(s / 86_400, 'day')}`;
  if (s % 3600 === 0) return `Wait ${plural(s / 3600, 'hour')}`;
  if (s % 60 === 0) return `Wait ${plural(s / 60, 'minute')}`;
  return `Wait ${plural(s, 'second')}`;
}

/** What a node card shows, from the node and its connector's descriptor. */
export function describeNode(node: WorkflowNode, lookup: DescriptorLookup): NodeDescription {
  if (node.type === 'trigger' || node.type === 'action') {
    const connector = lookup.connector(node.connector);
    const op =
      node.type === 'trigger'
        ? lookup.trigger(node.connector, node.operation)
        : lookup.action(node.connector, node.operation);
    const source = connector?.name ?? node.connector;
    return {
      title: node.name || op?.name || node.operation,
      operation: node.name ? `${source} · ${op?.name ?? node.operation}` : source,
      icon: connector?.icon ?? '',
      category: connector?.category ?? 'developer',
      source,
      needsConnection: !!connector && !connector.auth.includes('none'),
    };
  }
  const logic = LOGIC_STEPS[node.type];
  const summary = {
    mapping: () => (node.type === 'mapping' ? plural(node.mapping.fields.length, 'field') : ''),
    filter: () => (node.type === 'filter' ? `Continue if ${conditionText(node.condition)}` : ''),
    branch: () => (node.type === 'branch' ? `True if ${conditionText(node.condition)}` : ''),
    delay: () => (node.type === 'delay' ? delayText(node.delay) : ''),
  }[node.type]();
  return {
    title: node.name || logic.name,
    operation: summary,
    icon: node.type,
    category: 'logic',
    source: 'Logic',
    needsConnection: false,
  };
}

function conditionText(condition: {
  combinator: 'all' | 'any';
  rules: readonly { left: string; operator: string; right?: unknown }[];
}): string {
  const [first] = condition.rules;
  if (!first) return 'no rules';
  if (condition.rules.length > 1) {
    return `${condition.combinator} of ${condition.rules.length} rules pass`;
  }
  const right = first.right === undefined ? '' : ` ${String(first.right)}`;
  return `${first.left} ${first.operator.replaceAll('_', ' ')}${right}`;
}
