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

/**
 * Lets the event loop run one round (I/O, immediates, timers) before the next case. A property
 * whose cases only await promises that settle at once (the engine's handlers are synchronous over
 * better-sqlite3) never lets the loop turn: over a long run, timers start from a frozen loop clock
 * and N-API finalizers (better-sqlite3 statements, run from an immediate) pile up, then all run at
 * the next turn. At 100,000 cases per channel that backlog took ~9 s and made the first HTTP
 * request after the invoke properties time out (issue 13). Each real call (IPC, HTTP) arrives in a
 * loop round of its own; so does each fuzz case.
 */
export const turnEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Watches whether the event loop ran its timers from now on; the returned check answers. */
export function watchLoopTurns(): () => boolean {
  let turned = false;
  const timer = setTimeout(() => (turned = true), 0);
  return () => {
    clearTimeout(timer);
    return turned;
  };
}
