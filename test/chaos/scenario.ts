/** What a chaos scenario is; the registry in scenarios.ts lists them in running order. */
export interface ChaosOptions {
  /** Seeds every random choice (kill moments, fault draws, fuzz cases) so a run can be repeated. */
  seed: number;
  /** Small counts for `npm test`; the full counts for `npm run chaos`. */
  short: boolean;
  /** Human-readable progress (stderr in the runner). */
  log(line: string): void;
}

export interface ScenarioResult {
  figures: Record<string, unknown>;
  targetsMet: boolean;
  failures: string[];
}

export interface Scenario {
  name: string;
  run(opts: ChaosOptions): Promise<ScenarioResult>;
}

/** What a scenario that is not written yet reports: never a pass. */
export function notBuilt(name: string): Scenario {
  return {
    name,
    run: () =>
      Promise.resolve({
        figures: { status: 'not built' },
        targetsMet: false,
        failures: [`${name}: not built`],
      }),
  };
}
