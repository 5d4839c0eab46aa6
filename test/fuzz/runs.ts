/**
 * How many cases each fuzz target tries: at least 1,000 in `npm test`, and FUZZ_RUNS (100,000 in
 * `npm run chaos`) when set. FUZZ_SEED replays a failure fast-check reported.
 */
export function fuzzRuns(base = 1000): number {
  const wanted = Number(process.env.FUZZ_RUNS ?? base);
  return Number.isInteger(wanted) && wanted > 0 ? Math.max(wanted, base) : base;
}

export const fuzzSeed = (): number | undefined =>
  process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** A test's time budget that grows with the number of cases (ms). */
export const fuzzTimeout = (runs: number, msPerCase: number, floorMs = 30_000): number =>
  Math.max(floorMs, Math.ceil(runs * msPerCase));

/** Own property names of the built-in prototypes, to prove a case added none. */
export function prototypeSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((proto) => Reflect.ownKeys(proto).map(String).sort().join(','))
    .join('|');
}
