/**
 * The chaos scenarios, in the order `npm run chaos` runs them. Each lives in its own file
 * (crash.ts, faults.ts, disk.ts, sleep.ts, fuzz.ts) and exports a `Scenario` (see scenario.ts).
 */
import { crash } from './crash';
import { disk } from './disk';
import { faults } from './faults';
import { fuzz } from './fuzz';
import type { Scenario } from './scenario';
import { sleep } from './sleep';

export type { ChaosOptions, Scenario, ScenarioResult } from './scenario';

export const scenarios: readonly Scenario[] = [crash, faults, disk, sleep, fuzz];
