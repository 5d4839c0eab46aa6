/** What kind of value a sample holds, in the operator's words. */
export function valueType(value: unknown): string {
  if (value === undefined || value === null) return 'empty';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'number';
    case 'boolean':
      return 'yes/no';
    case 'object':
      return 'object';
    default:
      return typeof value;
  }
}

/** A one-line preview of a sample value: `"Ada"`, `42`, `3 items`, `4 fields`. */
export function previewValue(value: unknown, max = 48): string {
  if (value === undefined) return '—';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > max ? `${value.slice(0, max)}…` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (typeof value === 'object') {
    const n = Object.keys(value).length;
    return `${n} ${n === 1 ? 'field' : 'fields'}`;
  }
  return String(value);
}

export const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
  value !== null && typeof value === 'object';

/** The children of an object or list, capped so a huge sample cannot freeze the editor. */
export function childEntries(value: unknown, limit = 100): [string | number, unknown][] {
  if (Array.isArray(value)) return value.slice(0, limit).map((item, i) => [i, item]);
  if (isContainer(value)) return Object.entries(value).slice(0, limit);
  return [];
}
