import { describe, expect, it } from 'vitest';
import { deliveryFigures, type Delivery } from './delivery-figures';

const expected = new Set(['a', 'b', 'c']);
const d = (key: string, item: string, extra: Partial<Delivery> = {}): Delivery => ({
  key,
  item,
  ...extra,
});

describe('deliveryFigures', () => {
  it('counts a retry of a stored but unanswered delivery as a repeat, not a duplicate', () => {
    const figures = deliveryFigures(expected, [
      d('k-a', 'a', { unanswered: 'applied_then_dropped' }),
      d('k-a', 'a', { unanswered: 'applied_then_slow' }),
      d('k-a', 'a'),
      d('k-b', 'b'),
      d('k-c', 'c'),
    ]);
    expect(figures).toMatchObject({
      delivered: 3,
      lost: 0,
      duplicated: 0,
      repeatsAfterLostAnswer: 2,
      unanswered: 2,
      redeliveries: 0,
    });
  });

  it('counts the same key again after an answered delivery in the same life as a duplicate', () => {
    const figures = deliveryFigures(expected, [
      d('k-a', 'a'),
      d('k-a', 'a', { unanswered: 'applied_then_500' }),
      d('k-a', 'a'),
      d('k-b', 'b'),
    ]);
    expect(figures).toMatchObject({ duplicated: 1, lost: 1, repeatsAfterLostAnswer: 0 });
    expect(figures.examples).toEqual({ lost: ['c'], duplicated: ['a'] });
  });

  it('counts an item under a second key as a duplicate even if the first went unanswered', () => {
    const figures = deliveryFigures(expected, [
      d('k-a', 'a', { unanswered: 'applied_then_dropped' }),
      d('k-a2', 'a'),
    ]);
    expect(figures.duplicated).toBe(1);
  });

  it('keeps telling redeliveries after a kill from duplicates of a recorded step', () => {
    const figures = deliveryFigures(
      expected,
      [
        d('k-a', 'a', { tag: 0 }),
        d('k-b', 'b', { tag: 0 }),
        d('k-a', 'a', { tag: 1 }),
        d('k-b', 'b', { tag: 1 }),
        d('k-c', 'c', { tag: 1 }),
      ],
      (life) => new Set(life === 1 ? ['k-b'] : []),
    );
    expect(figures).toMatchObject({
      redeliveries: 1,
      mostRedeliveriesAtOneKill: 1,
      duplicated: 1,
      repeatsAfterLostAnswer: 0,
    });
    expect(figures.examples.duplicated).toEqual(['b']);
  });
});

describe('deliveryFigures with the engine’s record of each step', () => {
  const steps = new Map([
    ['k-a', { attempts: 2, succeededAt: 2_000 }],
    ['k-b', { attempts: 1, succeededAt: 1_000 }],
    ['k-c', { attempts: 3, succeededAt: 3_000 }],
  ]);
  const stepOf = (key: string) => steps.get(key);

  it('counts a retry after an answered attempt the engine recorded as failed as a repeat', () => {
    const figures = deliveryFigures(
      expected,
      [
        d('k-a', 'a', { wallAt: 100 }),
        d('k-a', 'a', { wallAt: 1_500 }),
        d('k-b', 'b', { wallAt: 200 }),
        d('k-c', 'c', { wallAt: 300, unanswered: 'applied_then_500' }),
        d('k-c', 'c', { wallAt: 2_500 }),
      ],
      undefined,
      stepOf,
    );
    expect(figures).toMatchObject({
      duplicated: 0,
      repeatsAfterClientFailure: 1,
      repeatsAfterLostAnswer: 1,
    });
  });

  it('counts a delivery after the step was recorded as done as a duplicate', () => {
    const figures = deliveryFigures(
      expected,
      [
        d('k-b', 'b', { wallAt: 200, unanswered: 'applied_then_dropped' }),
        d('k-b', 'b', { wallAt: 1_001 }),
      ],
      undefined,
      stepOf,
    );
    expect(figures.examples.duplicated).toEqual(['b']);
  });

  it('counts more deliveries of a key than attempts of its step as a duplicate', () => {
    const figures = deliveryFigures(
      expected,
      [
        d('k-a', 'a', { wallAt: 100 }),
        d('k-a', 'a', { wallAt: 110 }),
        d('k-a', 'a', { wallAt: 120 }),
      ],
      undefined,
      stepOf,
    );
    expect(figures.examples.duplicated).toEqual(['a']);
  });
});

describe('deliveryFigures with the actions in flight at once', () => {
  const life = (key: string, tag: number) => d(key, key, { tag });

  it('flags a redelivery of a step that was not among the last in flight before its kill', () => {
    // One action at a time: "a" was answered (and so recorded) before "b" was sent.
    const deliveries = [life('a', 0), life('b', 0), life('a', 1), life('b', 1)];
    const one = deliveryFigures(expected, deliveries, () => new Set(), undefined, 1);
    expect(one).toMatchObject({ redeliveries: 2, redeliveriesNotInFlight: 1 });
    // Two at a time, both may have been in flight.
    const two = deliveryFigures(expected, deliveries, () => new Set(), undefined, 2);
    expect(two).toMatchObject({ redeliveries: 2, redeliveriesNotInFlight: 0 });
  });

  it('attributes each redelivery to the life that had the step in flight', () => {
    const figures = deliveryFigures(
      expected,
      [life('a', 0), life('b', 0), life('a', 1), life('b', 1), life('c', 1), life('c', 2)],
      () => new Set(),
      undefined,
      2,
    );
    expect(figures).toMatchObject({
      redeliveries: 3,
      mostRedeliveriesAtOneKill: 2,
      redeliveriesNotInFlight: 0,
    });
  });

  it('reports no in-flight check when the actions in flight are not given', () => {
    expect(deliveryFigures(expected, [life('a', 0), life('a', 1)]).redeliveriesNotInFlight).toBe(
      null,
    );
  });
});
