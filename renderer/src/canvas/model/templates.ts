import type {
  ActionDescriptor,
  ConnectorCategory,
  ConnectorDescriptor,
  TriggerDescriptor,
} from '@shared/connectors/types';
import {
  TRIGGER_ID,
  type StepType,
  type WorkflowNode,
  type WorkflowStep,
} from '@shared/workflow/schema';

export type LogicType = Exclude<StepType, 'action'>;

/** What the palette can add: a connector's trigger or action, or a logic step. */
export type NodeTemplate =
  | { kind: 'trigger'; connector: string; operation: string }
  | { kind: 'action'; connector: string; operation: string }
  | { kind: 'logic'; type: LogicType };

export interface PaletteEntry {
  /** Stable across renders; also what a drag carries (see templateFromKey). */
  key: string;
  template: NodeTemplate;
  /** "Debug", "Logic" */
  group: string;
  /** "Record data", "Filter" */
  name: string;
  description: string;
  icon: string;
  category: ConnectorCategory | 'logic';
}

export const LOGIC_STEPS: Record<LogicType, { name: string; description: string }> = {
  mapping: { name: 'Mapping', description: 'Build new data from fields of earlier steps.' },
  filter: { name: 'Filter', description: 'Continue only when the conditions hold.' },
  branch: { name: 'Branch', description: 'Go one way when the conditions hold, another when not.' },
  delay: { name: 'Delay', description: 'Wait a while, or until a time, before going on.' },
};

export const keyOf = (t: NodeTemplate): string =>
  t.kind === 'logic' ? `logic:${t.type}` : `${t.kind}:${t.connector}.${t.operation}`;

export function templateFromKey(key: string): NodeTemplate | null {
  const logic = /^logic:(mapping|filter|branch|delay)$/.exec(key);
  if (logic) return { kind: 'logic', type: logic[1] as LogicType };
  const op = /^(trigger|action):([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$/.exec(key);
  if (!op) return null;
  return { kind: op[1] as 'trigger' | 'action', connector: op[2]!, operation: op[3]! };
}

const entryOf = (
  connector: ConnectorDescriptor,
  kind: 'trigger' | 'action',
  op: TriggerDescriptor | ActionDescriptor,
): PaletteEntry => {
  const template: NodeTemplate = { kind, connector: connector.id, operation: op.id };
  return {
    key: keyOf(template),
    template,
    group: connector.name,
    name: op.name,
    description: op.description,
    icon: connector.icon,
    category: connector.category,
  };
};

/** Every trigger, action and logic step the palette lists, from the connector descriptors. */
export function paletteEntries(connectors: readonly ConnectorDescriptor[]): PaletteEntry[] {
  const triggers = connectors.flatMap((c) => c.triggers.map((t) => entryOf(c, 'trigger', t)));
  const actions = connectors.flatMap((c) => c.actions.map((a) => entryOf(c, 'action', a)));
  const logic = (Object.keys(LOGIC_STEPS) as LogicType[]).map((type): PaletteEntry => {
    const template: NodeTemplate = { kind: 'logic', type };
    return {
      key: keyOf(template),
      template,
      group: 'Logic',
      ...LOGIC_STEPS[type],
      icon: type,
      category: 'logic',
    };
  });
  return [...triggers, ...actions, ...logic];
}

/** A rule that reads as "the trigger's data exists": valid, always true, there to be edited. */
const starterCondition = () => ({
  combinator: 'all' as const,
  rules: [{ left: TRIGGER_ID, operator: 'exists' as const }],
});

/** A new node from the palette, with a config a draft may save (it may still be incomplete). */
export function createNode(
  template: NodeTemplate,
  id: string,
  position: { x: number; y: number },
): WorkflowNode {
  const at = { x: Math.round(position.x), y: Math.round(position.y) };
  switch (template.kind) {
    case 'trigger':
      return {
        id: TRIGGER_ID,
        type: 'trigger',
        connector: template.connector,
        operation: template.operation,
        connection: null,
        config: {},
        position: at,
      };
    case 'action':
      return {
        id,
        type: 'action',
        connector: template.connector,
        operation: template.operation,
        connection: null,
        config: {},
        position: at,
      };
    case 'logic':
      return createLogicStep(template.type, id, at);
  }
}

function createLogicStep(type: LogicType, id: string, position: { x: number; y: number }) {
  const base = { id, position };
  const steps: Record<LogicType, () => WorkflowStep> = {
    mapping: () => ({
      ...base,
      type: 'mapping',
      mapping: {
        fields: [{ target: 'field_1', source: { kind: 'template', template: '' }, transforms: [] }],
      },
    }),
    filter: () => ({ ...base, type: 'filter', condition: starterCondition() }),
    branch: () => ({ ...base, type: 'branch', condition: starterCondition() }),
    delay: () => ({ ...base, type: 'delay', delay: { seconds: 60 } }),
  };
  return steps[type]();
}

/** The id prefix of a new node: `action_2`, `mapping_1`. */
export const idBaseOf = (template: NodeTemplate): string =>
  template.kind === 'logic' ? template.type : template.kind;
