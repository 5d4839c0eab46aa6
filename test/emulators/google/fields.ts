/**
 * Google's partial-response `fields` parameter: `a,b/c,d(e,f)` (also `b.c`). Returns a copy of
 * the value with only the selected fields; arrays are filtered element by element.
 */
export type FieldTree = Map<string, FieldTree | true>;

export function parseFields(text: string): FieldTree {
  let i = 0;
  function parseList(): FieldTree {
    const tree: FieldTree = new Map();
    for (;;) {
      parsePath(tree);
      if (text[i] === ',') {
        i++;
        continue;
      }
      return tree;
    }
  }
  function parsePath(tree: FieldTree): void {
    let name = '';
    while (i < text.length && !',()/.'.includes(text[i]!)) name += text[i++];
    name = name.trim();
    if (name === '') throw new Error(`Invalid field selection: ${text}`);
    const ch = text[i];
    if (ch === '/' || ch === '.') {
      i++;
      const sub = tree.get(name);
      const child: FieldTree = sub instanceof Map ? sub : new Map();
      if (sub !== true) tree.set(name, child);
      parsePath(child);
    } else if (ch === '(') {
      i++;
      const inner = parseList();
      if (text[i] !== ')') throw new Error(`Invalid field selection: ${text}`);
      i++;
      const sub = tree.get(name);
      if (sub instanceof Map) for (const [k, v] of inner) sub.set(k, v);
      else if (sub !== true) tree.set(name, inner);
    } else {
      tree.set(name, true);
    }
  }
  const tree = parseList();
  if (i !== text.length) throw new Error(`Invalid field selection: ${text}`);
  return tree;
}

export function applyFields<T>(value: T, fields: string | null | undefined): T {
  if (!fields || fields.trim() === '*') return value;
  return select(value, parseFields(fields.replace(/\s+/g, ''))) as T;
}

function select(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((v) => select(v, tree));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of tree) {
    if (name === '*') return value;
    const v = (value as Record<string, unknown>)[name];
    if (v === undefined) continue;
    out[name] = sub === true ? v : select(v, sub);
  }
  return out;
}
