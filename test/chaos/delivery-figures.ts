/** What a sink received, judged against what was sent: the figures the chaos suite reports. */
export interface Delivery {
  key: string;
  item: string;
  /** Which engine life sent it (0 for a run without kills). */
  tag?: number;
}

export interface DeliveryFigures {
  /** Distinct expected items that reached the sink. */
  delivered: number;
  /** Expected items that never reached it. */
  lost: number;
  /** Items delivered under more than one key, or again by a step already recorded as done. */
  duplicated: number;
  /** The same key again from a later life, its step not yet recorded when the engine died. */
  redeliveries: number;
  /** The most redeliveries caused by one kill (the life whose step was in flight). */
  mostRedeliveriesAtOneKill: number;
  /** Items the sink received that nobody sent. */
  unexpected: number;
  /** A few lost and duplicated items, to start an investigation from. */
  examples: { lost: string[]; duplicated: string[] };
}

/**
 * `recordedBefore(life)` is the set of step keys the database held as done when the life
 * before `life` was killed: a key delivered again in `life` although recorded is a duplicate;
 * a key repeated within one life (no kill between) is one too.
 */
export function deliveryFigures(
  expected: ReadonlySet<string>,
  deliveries: readonly Delivery[],
  recordedBefore: (life: number) => ReadonlySet<string> = () => new Set(),
): DeliveryFigures {
  const keysByItem = new Map<string, Set<string>>();
  const lastLifeOfKey = new Map<string, number>();
  const duplicatedItems = new Set<string>();
  let redeliveries = 0;
  const redeliveriesByKilledLife = new Map<number, number>();
  let unexpected = 0;
  for (const { key, item, tag = 0 } of deliveries) {
    if (!expected.has(item)) {
      unexpected++;
      continue;
    }
    const keys = keysByItem.get(item) ?? new Set<string>();
    keys.add(key);
    keysByItem.set(item, keys);
    if (keys.size > 1) duplicatedItems.add(item);
    const previous = lastLifeOfKey.get(key);
    lastLifeOfKey.set(key, tag);
    if (previous === undefined) continue;
    if (previous === tag || recordedBefore(tag).has(key)) duplicatedItems.add(item);
    else {
      redeliveries++;
      redeliveriesByKilledLife.set(previous, (redeliveriesByKilledLife.get(previous) ?? 0) + 1);
    }
  }
  const lost = [...expected].filter((item) => !keysByItem.has(item));
  return {
    delivered: keysByItem.size,
    lost: lost.length,
    duplicated: duplicatedItems.size,
    redeliveries,
    mostRedeliveriesAtOneKill: Math.max(0, ...redeliveriesByKilledLife.values()),
    unexpected,
    examples: { lost: lost.slice(0, 10), duplicated: [...duplicatedItems].slice(0, 10) },
  };
}
