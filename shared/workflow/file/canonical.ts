import type { WorkflowBundle, WorkflowFile } from './format';

/**
 * The canonical form: keys in a fixed order (the structural keys in the order people read them,
 * everything else sorted), two-space indentation, `\n` line ends and a trailing newline. The
 * same workflow always serialises to the same bytes, so a diff shows only what changed.
 */
const TOP_KEYS = [
  'schema',
  'id',
  'name',
  'description',
  'trigger',
  'steps',
  'edges',
  'settings',
  'connections',
];
const NODE_KEYS = [
  'id',
  'type',
  'name',
  'notes',
  'connector',
  'operation',
  'connection',
  'position',
  'config',
  'mapping',
  'condition',
  'delay',
];
const EDGE_KEYS = ['id', 'source', 'sourceHandle', 'target'];
const POSITION_KEYS = ['x', 'y'];

type Json = unknown;
type Rule = (value: Json) => Json;

const isPlainObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every key sorted by code point, at every depth; array order is meaning and is kept. */
export function sortKeysDeep(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isPlainObject(value)) return value;
  // Object.fromEntries defines own properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeysDeep(value[key])]),
  );
}

function ordered(order: readonly string[], rules: Readonly<Record<string, Rule>> = {}): Rule {
  return (value) => {
    if (!isPlainObject(value)) return sortKeysDeep(value);
    const known = order.filter((key) => Object.hasOwn(value, key));
    const rest = Object.keys(value)
      .filter((key) => !order.includes(key))
      .sort();
    return Object.fromEntries(
      [...known, ...rest].map((key) => [key, (rules[key] ?? sortKeysDeep)(value[key])]),
    );
  };
}

const each =
  (rule: Rule): Rule =>
  (value) =>
    Array.isArray(value) ? value.map(rule) : sortKeysDeep(value);

const node = ordered(NODE_KEYS, { position: ordered(POSITION_KEYS) });
const workflow = ordered(TOP_KEYS, {
  trigger: (value) => (value === null ? null : node(value)),
  steps: each(node),
  edges: each(ordered(EDGE_KEYS)),
});
const bundle = ordered(['schema', 'workflows'], { workflows: each(workflow) });

export const canonicalWorkflow = (file: WorkflowFile): Json => workflow(file);

/** The bytes of a workflow file, as export always writes them. */
export function serializeWorkflowFile(file: WorkflowFile | WorkflowBundle): string {
  const shaped = 'workflows' in file ? bundle(file) : workflow(file);
  return `${JSON.stringify(shaped, null, 2)}\n`;
}
