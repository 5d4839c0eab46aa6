/** What a sink received, judged against what was sent: the figures the chaos suite reports. */
export interface Delivery {
  key: string;
  item: string;
  /** Which engine life sent it (0 for a run without kills). */
  tag?: number;
  /** Stored, but the answer failed (an applied-then-… fault): the sender could not know. */
  unanswered?: string;
  /** Date.now() when it arrived, to compare with the engine's record of the step. */
  wallAt?: number;
}

/** What the engine's database recorded of the step that sends a key (no kills in the run). */
export interface StepRecord {
  /** Attempts recorded (failed and succeeded). */
  attempts: number;
  /** When the step was recorded as succeeded (ms since epoch), if it was. */
  succeededAt?: number;
}

export interface DeliveryFigures {
  /** Distinct expected items that reached the sink. */
  delivered: number;
  /** Expected items that never reached it. */
  lost: number;
  /**
   * Items delivered under more than one key, or again by a step already recorded as done, or
   * (with step records) more often than the engine attempted the step.
   */
  duplicated: number;
  /** The same key again from a later life, its step not yet recorded when the engine died. */
  redeliveries: number;
  /**
   * The same key again in the same life after every earlier delivery of it in that life was
   * stored but unanswered (applied, then dropped, 500 or too slow): a retry, not a duplicate.
   */
  repeatsAfterLostAnswer: number;
  /**
   * With step records: the same key again after the sink had answered an earlier delivery, the
   * engine having recorded that attempt as failed (its timeout fired before it read the answer,
   * e.g. on a loaded machine) and its step not yet done: a retry, not a duplicate.
   */
  repeatsAfterClientFailure: number;
  /** Deliveries stored whose answer failed. */
  unanswered: number;
  /** The most redeliveries caused by one kill (the life whose step was in flight). */
  mostRedeliveriesAtOneKill: number;
  /**
   * With `inFlight` given: redeliveries whose earlier delivery was not among the last `inFlight`
   * the sink got from the killed life. With one action in flight (inFlight = 1) a step that was
   * in flight at the kill is always that life's last delivery, so this must be 0; with more it
   * is a close check (a slow answer can be overtaken), not a proof.
   */
  redeliveriesNotInFlight: number | null;
  /** Items the sink received that nobody sent. */
  unexpected: number;
  /** A few lost and duplicated items, to start an investigation from. */
  examples: { lost: string[]; duplicated: string[] };
}

/**
 * `recordedBefore(life)` is the set of step keys the database held as done when the life
 * before `life` was killed: a key delivered again in `life` although recorded is a duplicate.
 * A key repeated within one life is one too, unless no earlier delivery of it in that life was
 * answered (the sender retried an applied request whose answer it never got) or, given
 * `stepOf` (the database's record of each key's step), it came before the step was recorded as
 * done and no more often than the step was attempted.
 * `inFlight`: the most actions the engine had in flight at once (its "Runs at once").
 */
export function deliveryFigures(
  expected: ReadonlySet<string>,
  deliveries: readonly Delivery[],
  recordedBefore: (life: number) => ReadonlySet<string> = () => new Set(),
  stepOf?: (key: string) => StepRecord | undefined,
  inFlight?: number,
): DeliveryFigures {
  // Each delivery's place in its life (arrival order), to tell how close to the kill it came.
  const placeInLife: number[] = [];
  const deliveriesOfLife = new Map<number, number>();
  for (const { tag = 0 } of deliveries) {
    const n = deliveriesOfLife.get(tag) ?? 0;
    placeInLife.push(n);
    deliveriesOfLife.set(tag, n + 1);
  }
  const lastIndexOfKey = new Map<string, number>();
  let redeliveriesNotInFlight = 0;
  const keysByItem = new Map<string, Set<string>>();
  const lastLifeOfKey = new Map<string, number>();
  const deliveriesOfKey = new Map<string, { item: string; count: number }>();
  const duplicatedItems = new Set<string>();
  /** Per key, the lives in which one of its deliveries was answered. */
  const answeredIn = new Map<string, Set<number>>();
  let redeliveries = 0;
  let repeatsAfterLostAnswer = 0;
  let repeatsAfterClientFailure = 0;
  let unanswered = 0;
  const redeliveriesByKilledLife = new Map<number, number>();
  let unexpected = 0;
  for (const [
    index,
    { key, item, tag = 0, unanswered: lostAnswer, wallAt },
  ] of deliveries.entries()) {
    if (!expected.has(item)) {
      unexpected++;
      continue;
    }
    if (lostAnswer) unanswered++;
    const answeredLives = answeredIn.get(key) ?? new Set<number>();
    const answeredThisLife = answeredLives.has(tag);
    if (!lostAnswer) answeredIn.set(key, answeredLives.add(tag));
    const previousIndex = lastIndexOfKey.get(key);
    lastIndexOfKey.set(key, index);
    const keys = keysByItem.get(item) ?? new Set<string>();
    keys.add(key);
    keysByItem.set(item, keys);
    if (keys.size > 1) duplicatedItems.add(item);
    const seen = deliveriesOfKey.get(key) ?? { item, count: 0 };
    seen.count++;
    deliveriesOfKey.set(key, seen);
    const previous = lastLifeOfKey.get(key);
    lastLifeOfKey.set(key, tag);
    if (previous === undefined) continue;
    const step = stepOf?.(key);
    const afterDone =
      step?.succeededAt !== undefined && wallAt !== undefined && wallAt > step.succeededAt;
    if (recordedBefore(tag).has(key) || afterDone) duplicatedItems.add(item);
    else if (previous !== tag) {
      redeliveries++;
      redeliveriesByKilledLife.set(previous, (redeliveriesByKilledLife.get(previous) ?? 0) + 1);
      const fromEnd = deliveriesOfLife.get(previous)! - placeInLife[previousIndex!]!;
      if (inFlight !== undefined && fromEnd > inFlight) redeliveriesNotInFlight++;
    } else if (!answeredThisLife) repeatsAfterLostAnswer++;
    else if (step) repeatsAfterClientFailure++;
    else duplicatedItems.add(item);
  }
  // Each attempt sends once: more deliveries of a key than attempts of its step is a duplicate.
  if (stepOf)
    for (const [key, { item, count }] of deliveriesOfKey)
      if (count > 1 && count > (stepOf(key)?.attempts ?? 0)) duplicatedItems.add(item);
  const lost = [...expected].filter((item) => !keysByItem.has(item));
  return {
    delivered: keysByItem.size,
    lost: lost.length,
    duplicated: duplicatedItems.size,
    redeliveries,
    repeatsAfterLostAnswer,
    repeatsAfterClientFailure,
    unanswered,
    mostRedeliveriesAtOneKill: Math.max(0, ...redeliveriesByKilledLife.values()),
    redeliveriesNotInFlight: inFlight === undefined ? null : redeliveriesNotInFlight,
    unexpected,
    examples: { lost: lost.slice(0, 10), duplicated: [...duplicatedItems].slice(0, 10) },
  };
}
