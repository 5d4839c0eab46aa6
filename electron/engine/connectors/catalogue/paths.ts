import { resolvePath } from '@shared/workflow/mapping';

/**
 * The values at a path that may step into every element of a list with `[*]`
 * (`entry[*].changes[*].value.messages`); '' is the root itself. Always a flat list.
 */
export function collect(root: unknown, path: string): unknown[] {
  const [head = '', ...rest] = path.split('[*]');
  const at = (value: unknown, p: string) => {
    const clean = p.replace(/^\./, '');
    return clean === '' ? value : resolvePath(value, clean);
  };
  const value = at(root, head);
  if (rest.length === 0) return value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (!Array.isArray(value)) return [];
  const tail = rest.join('[*]');
  return value.flatMap((element) => collect(element, tail));
}

/** One value at a plain path ('' = the root). */
export function valueAt(root: unknown, path: string): unknown {
  return path === '' ? root : resolvePath(root, path);
}
