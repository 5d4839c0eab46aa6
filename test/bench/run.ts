/**
 * `npm run bench -- <name> [--json]`: runs test/bench/<name>.bench.ts. Each benchmark measures
 * its own baseline in the same run and reports ratios, because this machine is shared and noisy.
 * With --json the last line printed is one JSON object of the figures.
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface BenchContext {
  log(line: string): void;
}
export type Figures = Record<string, number | string | boolean>;
export type Benchmark = (ctx: BenchContext) => Promise<Figures>;

const here = import.meta.dirname;
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));

const args = process.argv.slice(2);
const json = args.includes('--json');
const name = args.find((a) => !a.startsWith('--'));
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name> [--json]\nBenchmarks: ${available.join(', ')}`);
  process.exit(2);
}

const { default: bench } = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as {
  default: Benchmark;
};
const figures = await bench({ log: (line) => console.log(line) });
if (json) console.log(JSON.stringify({ benchmark: name, ...figures }));
else for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(24)} ${value}`);
