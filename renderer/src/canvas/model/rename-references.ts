/**
 * Rewrites references to renamed nodes inside a node's body, in every form findReferences
 * knows: `{{id…}}` in any text, `{ kind: 'path', path }` and `{ kind: 'expression' }` mapping
 * sources, and the left side of condition rules.
 */
export function renameReferences<T>(value: T, renames: ReadonlyMap<string, string>): T {
  if (renames.size === 0) return value;
  return walk(value, renames) as T;
}

const NAME = '[A-Za-z][A-Za-z0-9_]*';
const PLACEHOLDER = new RegExp(`(\\{\\{\\s*)(${NAME})(?=[\\s.\\[}])`, 'g');
const PATH_HEAD = new RegExp(`^(${NAME})(?=$|[.\\[])`);
// A name at the root of a JSONata path: not after `.`, `$` or a word character, not in quotes.
const EXPRESSION_NAME = new RegExp(
  `(?<![\\w$."'\`])(${NAME})(?=\\s*[.\\[]|\\s*$|[^\\w"'\`(])`,
  'g',
);

const renameTemplate = (text: string, renames: ReadonlyMap<string, string>) =>
  text.includes('{{')
    ? text.replace(PLACEHOLDER, (all, open: string, id: string) =>
        renames.has(id) ? `${open}${renames.get(id)}` : all,
      )
    : text;

const renamePath = (path: string, renames: ReadonlyMap<string, string>) =>
  path.replace(PATH_HEAD, (id) => renames.get(id) ?? id);

const renameExpression = (text: string, renames: ReadonlyMap<string, string>) =>
  text.replace(EXPRESSION_NAME, (id) => renames.get(id) ?? id);

function walk(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return renameTemplate(value, renames);
  if (Array.isArray(value)) return value.map((item) => walk(item, renames));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = walk(item, renames);
  if (record.kind === 'path' && typeof record.path === 'string') {
    out.path = renamePath(record.path, renames);
  } else if (record.kind === 'expression' && typeof record.expression === 'string') {
    out.expression = renameExpression(record.expression, renames);
  } else if (typeof record.left === 'string' && typeof record.operator === 'string') {
    out.left = record.left.includes('{{')
      ? renameTemplate(record.left, renames)
      : renamePath(record.left, renames);
  }
  return out;
}
