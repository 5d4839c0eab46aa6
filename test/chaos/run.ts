/**
 * `npm run chaos -- [--json] [--only crash,faults] [--seed N] [--short]`: runs the chaos
 * scenarios in order. Progress goes to stderr; with --json the last stdout line is one JSON
 * object: `{ "crash": {...}, "faults": {...}, ..., "seed": N, "ok": bool }`.
 */
import { scenarios } from './scenarios';

function usage(message: string): never {
  const names = scenarios.map((s) => s.name).join(',');
  console.error(
    `${message}\nUsage: npm run chaos -- [--json] [--only ${names}] [--seed N] [--short]`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]): {
  json: boolean;
  only: string[];
  seed: number;
  short: boolean;
} {
  let json = false;
  let short = false;
  let only = scenarios.map((s) => s.name);
  let seed = Math.floor(Math.random() * 2 ** 31);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--short') short = true;
    else if (arg === '--only') {
      const list = (argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = list.filter((n) => !scenarios.some((s) => s.name === n));
      if (list.length === 0 || unknown.length > 0)
        usage(`--only: unknown scenario "${unknown.join(',')}"`);
      only = list;
    } else if (arg === '--seed') {
      const value = Number(argv[++i]);
      if (!Number.isSafeInteger(value) || value < 0)
        usage('--seed: expected a non-negative integer');
      seed = value;
    } else usage(`unknown argument "${arg}"`);
  }
  return { json, only, seed, short };
}

const { json, only, seed, short } = parseArgs(process.argv.slice(2));
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const report: Record<string, unknown> = {};
let ok = true;
log(`chaos: seed ${seed}${short ? ' (short)' : ''}; scenarios ${only.join(', ')}`);
for (const scenario of scenarios.filter((s) => only.includes(s.name))) {
  const started = Date.now();
  log(`chaos: ${scenario.name} …`);
  let result;
  try {
    result = await scenario.run({
      seed,
      short,
      log: (line) => log(`  [${scenario.name}] ${line}`),
    });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    result = { figures: {}, targetsMet: false, failures: [`${scenario.name} threw: ${message}`] };
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  report[scenario.name] = {
    ...result.figures,
    targetsMet: result.targetsMet,
    failures: result.failures,
    seconds,
  };
  ok &&= result.targetsMet;
  log(
    `chaos: ${scenario.name} ${result.targetsMet ? 'met its targets' : 'FAILED'} in ${seconds} s`,
  );
  for (const failure of result.failures) log(`  - ${failure}`);
}
report.seed = seed;
report.ok = ok;
if (json) console.log(JSON.stringify(report));
else log(JSON.stringify(report, null, 2));
process.exit(ok ? 0 : 1);
