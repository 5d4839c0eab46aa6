import { parseExpression } from './expressions';
import { parsePath } from './paths';
import { scanPlaceholders } from './templates';

/** A reference to another node's output found inside a config value. */
export interface NodeReference {
  nodeId: string;
  /** Where inside the value the reference sits, e.g. `['fields', 2, 'source', 'path']`. */
  path: (string | number)[];
  /** The reference as written, e.g. `lookup.items[0].id`. */
  expression: string;
}

type Location = (string | number)[];
type Emit = (nodeId: string, at: Location, expression: string) => void;

/**
 * Every reference to a node inside `value`: `{{id…}}` in any string, and by shape, the
 * sources of mappings (`{ kind: 'path', path }`, `{ kind: 'expression', expression }`: JSONata
 * paths read from the scope's root) and the left side of condition rules (`{ left, operator }`:
 * a path unless it holds `{{…}}`). `$…` is JSONata's, never a node; text that does not parse is
 * skipped (the schemas report it).
 */
export function findReferences(value: unknown): NodeReference[] {
  const found: NodeReference[] = [];
  const emit: Emit = (nodeId, at, expression) => found.push({ nodeId, path: at, expression });
  walkValue(value, [], emit, new Set());
  return found;
}

/** The distinct node ids `value` refers to, in order of first appearance. */
export function referencedNodeIds(value: unknown): string[] {
  return [...new Set(findReferences(value).map((ref) => ref.nodeId))];
}

function walkValue(value: unknown, at: Location, emit: Emit, seen: Set<object>): void {
  if (typeof value === 'string') return templateReferences(value, at, emit);
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, index) => walkValue(item, [...at, index], emit, seen));
    return;
  }
  const record = value as Record<string, unknown>;
  let handled: string | undefined;
  if (record.kind === 'path' && typeof record.path === 'string') {
    handled = 'path';
    pathReference(record.path, [...at, 'path'], emit);
  } else if (record.kind === 'expression' && typeof record.expression === 'string') {
    handled = 'expression';
    expressionReferences(record.expression, [...at, 'expression'], emit);
  } else if (typeof record.left === 'string' && typeof record.operator === 'string') {
    handled = 'left';
    if (record.left.includes('{{')) templateReferences(record.left, [...at, 'left'], emit);
    else pathReference(record.left, [...at, 'left'], emit);
  }
  for (const [key, item] of Object.entries(record)) {
    if (key !== handled) walkValue(item, [...at, key], emit, seen);
  }
}

function pathReference(path: string, at: Location, emit: Emit): void {
  if (path.startsWith('$')) return;
  try {
    const [first] = parsePath(path);
    if (typeof first === 'string') emit(first, at, path);
  } catch {
    // Not a path: the schema that owns this value reports it.
  }
}

function templateReferences(text: string, at: Location, emit: Emit): void {
  if (!text.includes('{{')) return;
  let placeholders;
  try {
    placeholders = scanPlaceholders(text);
  } catch {
    return;
  }
  for (const p of placeholders) pathReference(p.expression, at, emit);
}

interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
  [key: string]: unknown;
}

/** Parts of a JSONata node evaluated against something other than their parent's input. */
const RELATIVE_KEYS: ReadonlySet<string> = new Set([
  'stages',
  'predicate',
  'group',
  'terms',
  'pattern',
  'update',
  'delete',
]);
const SKIPPED_KEYS: ReadonlySet<string> = new Set(['type', 'value', 'position', 'token']);

function expressionReferences(text: string, at: Location, emit: Emit): void {
  let ast: unknown;
  try {
    ast = parseExpression(text);
  } catch {
    return;
  }
  walkAst(ast, true, (nodeId, expression) => emit(nodeId, at, expression));
}

/** `atRoot`: the node is evaluated against the scope itself, so a leading name is a node id. */
function walkAst(
  node: unknown,
  atRoot: boolean,
  emit: (nodeId: string, expression: string) => void,
) {
  if (Array.isArray(node)) {
    for (const item of node) walkAst(item, atRoot, emit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const ast = node as AstNode;
  if (ast.type === 'path' && Array.isArray(ast.steps)) {
    const names = rootNames(ast.steps, atRoot);
    if (names.length > 0) emit(names[0]!, names.join('.'));
    ast.steps.forEach((step, index) => walkChildren(step, index === 0 && atRoot, emit));
    for (const [key, child] of Object.entries(ast)) {
      if (key !== 'steps' && !SKIPPED_KEYS.has(key)) walkAst(child, false, emit);
    }
    return;
  }
  if (ast.type === 'name' && atRoot && typeof ast.value === 'string') emit(ast.value, ast.value);
  walkChildren(ast, atRoot, emit);
}

function walkChildren(
  ast: AstNode,
  atRoot: boolean,
  emit: (nodeId: string, expression: string) => void,
) {
  for (const [key, child] of Object.entries(ast)) {
    if (!SKIPPED_KEYS.has(key)) walkAst(child, atRoot && !RELATIVE_KEYS.has(key), emit);
  }
}

/** `trigger.items.id` → [trigger, items, id]; `$$.lookup.x` → [lookup, x] anywhere. */
function rootNames(steps: AstNode[], atRoot: boolean): string[] {
  const first = steps[0];
  let start: number;
  if (first?.type === 'name' && atRoot) start = 0;
  else if (first?.type === 'variable' && (first.value === '$' || (first.value === '' && atRoot))) {
    start = 1;
  } else return [];
  const names: string[] = [];
  for (let i = start; i < steps.length && steps[i]!.type === 'name'; i++) {
    names.push(String(steps[i]!.value));
  }
  return names;
}
