import type jsonata from 'jsonata';

/**
 * JSONata 2.2's `$sort` merges by slicing (quadratic: 10,000 items take half a second, 100,000
 * exhaust the heap), `$distinct` compares every pair and `$spread` copies its result per item;
 * none checks the time limit while it runs. These keep their results and order in O(n log n).
 */
export function registerLinearBuiltins(expression: jsonata.Expression, maxLength: number): void {
  expression.registerFunction('sort', sortInOrder, '<af?:a>');
  expression.registerFunction('distinct', distinctValues, '<x:x>');
  expression.registerFunction(
    'spread',
    function (this: Focus, value: unknown) {
      return spreadValues.call(this, value, maxLength);
    },
    '<x-:a<o>>',
  );
}

type Comparator = (a: unknown, b: unknown) => unknown;
/** JSONata gives its functions a focus whose (undeclared) createSequence makes a result sequence. */
type Focus = jsonata.Focus;
const newSequence = (focus: Focus): unknown[] =>
  (focus as unknown as { createSequence(): unknown[] }).createSequence();

const isSequence = (value: unknown): boolean =>
  Array.isArray(value) && (value as { sequence?: boolean }).sequence === true;

async function sortInOrder(array: unknown, comparator?: Comparator): Promise<unknown> {
  if (!Array.isArray(array) || array.length <= 1) return array;
  if (comparator === undefined) {
    const numbers = array.every((v) => typeof v === 'number');
    const strings = !numbers && array.every((v) => typeof v === 'string');
    // The same failure, with the same code, as the built-in.
    if (!numbers && !strings) throw { code: 'D3070', index: 1, stack: new Error().stack };
    return [...(array as (number | string)[])].sort((a, b) => (a > b ? 1 : a < b ? -1 : 0));
  }
  // Stable merge sort; `comparator(a, b)` true means b goes first, as in the built-in.
  let items = [...(array as unknown[])];
  for (let width = 1; width < items.length; width *= 2) {
    const merged: unknown[] = [];
    for (let start = 0; start < items.length; start += 2 * width) {
      const middle = Math.min(start + width, items.length);
      const end = Math.min(start + 2 * width, items.length);
      let left = start;
      let right = middle;
      while (left < middle && right < end) {
        if (await comparator(items[left], items[right])) merged.push(items[right++]);
        else merged.push(items[left++]);
      }
      while (left < middle) merged.push(items[left++]);
      while (right < end) merged.push(items[right++]);
    }
    items = merged;
  }
  return items;
}

function spreadValues(this: Focus, value: unknown, maxLength: number): unknown {
  if (Array.isArray(value)) {
    const result = newSequence(this);
    for (const item of value as unknown[]) {
      const spread = spreadValues.call(this, item, maxLength);
      if (spread === undefined) continue;
      if (Array.isArray(spread)) for (const part of spread as unknown[]) result.push(part);
      else result.push(spread);
      if (result.length > maxLength) throw { code: 'D2015', value: result.length };
    }
    return result;
  }
  if (value !== null && typeof value === 'object' && typeof value !== 'function') {
    const result = newSequence(this);
    for (const key of Object.keys(value)) {
      const single = Object.create(null) as Record<string, unknown>;
      single[key] = (value as Record<string, unknown>)[key];
      result.push(single);
    }
    return result;
  }
  return value;
}

function distinctValues(this: Focus, array: unknown): unknown {
  if (!Array.isArray(array) || array.length <= 1) return array;
  const result = isSequence(array) ? newSequence(this) : [];
  const seen = new Set<string>();
  for (const item of array as unknown[]) {
    const key = canonicalKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(item);
  }
  return result;
}

/** Equal keys for deeply equal JSON values, whatever their key order (as JSONata compares them). */
function canonicalKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalKey((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'function') return `f:${String(value)}`;
  return `${typeof value}:${JSON.stringify(value) ?? String(value)}`;
}
