/**
 * Fuzz at scale: the suites in test/fuzz run with FUZZ_RUNS cases per target (100,000; 1,000
 * short) and the chaos seed as FUZZ_SEED, in a child vitest. Per target: the cases fast-check
 * ran (counted by fuzz-count.setup.ts), crashes (a test that failed with an error), hangs (a
 * test that ran out of its time budget) and property failures.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { ChaosOptions, Scenario, ScenarioResult } from './scenario';

const root = join(import.meta.dirname, '../..');
const FULL_RUNS = 100_000;
const SHORT_RUNS = 1_000;

const CountLine = z.object({
  test: z.string(),
  file: z.string(),
  cases: z.number(),
  failed: z.boolean(),
  interrupted: z.boolean(),
});

const VitestReport = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      message: z.string().optional(),
      assertionResults: z.array(
        z.object({
          fullName: z.string(),
          status: z.string(),
          duration: z.number().nullish(),
          failureMessages: z.array(z.string()),
        }),
      ),
    }),
  ),
});

interface TargetFigures {
  cases: number;
  properties: number;
  /** The fewest cases one property of the target ran. */
  fewestPerProperty: number;
  crashes: number;
  hangs: number;
  propertyFailures: number;
  seconds: number;
}

function runVitest(env: Record<string, string>, reportFile: string, log: (l: string) => void) {
  const vitest = join(root, 'node_modules/vitest/vitest.mjs');
  const args = [
    vitest,
    'run',
    // CHAOS_FUZZ_FILES=contract,webhook runs those targets only (vitest file filters).
    ...(process.env.CHAOS_FUZZ_FILES?.split(',').map((f) => `test/fuzz/${f}`) ?? ['test/fuzz']),
    '--config',
    'test/chaos/fuzz.vitest.config.ts',
    '--reporter=json',
    `--outputFile=${reportFile}`,
    // One file at a time: the box is shared, and a loaded core makes time limits look like hangs.
    '--maxWorkers=1',
    '--no-file-parallelism',
  ];
  return new Promise<{ code: number | null; stderr: string }>((done) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
    });
    const started = Date.now();
    const progress = setInterval(
      () => log(`still fuzzing after ${Math.round((Date.now() - started) / 60_000)} min`),
      300_000,
    );
    child.once('close', (code) => {
      clearInterval(progress);
      done({ code, stderr });
    });
  });
}

export async function runFuzz(opts: ChaosOptions): Promise<ScenarioResult> {
  const runs = Number(process.env.CHAOS_FUZZ_RUNS ?? (opts.short ? SHORT_RUNS : FULL_RUNS));
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-fuzz-'));
  const countFile = join(dir, 'counts.jsonl');
  const reportFile = join(dir, 'report.json');
  try {
    opts.log(`running test/fuzz with FUZZ_RUNS=${runs}, FUZZ_SEED=${opts.seed}`);
    const started = Date.now();
    const child = await runVitest(
      { FUZZ_RUNS: String(runs), FUZZ_SEED: String(opts.seed), FUZZ_COUNT_FILE: countFile },
      reportFile,
      opts.log,
    );
    const failures: string[] = [];
    if (!existsSync(reportFile)) {
      return {
        figures: { runsPerTarget: runs, exitCode: child.code },
        targetsMet: false,
        failures: [`vitest wrote no report (exit ${child.code}): ${child.stderr.slice(-500)}`],
      };
    }
    const report = VitestReport.parse(JSON.parse(readFileSync(reportFile, 'utf8')));
    const counts = existsSync(countFile)
      ? readFileSync(countFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => CountLine.parse(JSON.parse(line)))
      : [];
    const targets: Record<string, TargetFigures> = {};
    for (const file of report.testResults) {
      const target = basename(file.name).replace(/\.fuzz\.test\.ts$/, '');
      const figures: TargetFigures = (targets[target] ??= {
        cases: 0,
        properties: 0,
        fewestPerProperty: 0,
        crashes: 0,
        hangs: 0,
        propertyFailures: 0,
        seconds: 0,
      });
      if (file.assertionResults.length === 0 && file.message) {
        figures.crashes++;
        failures.push(`${target}: the file did not run: ${file.message.slice(0, 300)}`);
      }
      for (const test of file.assertionResults) {
        figures.seconds += (test.duration ?? 0) / 1000;
        if (test.status === 'passed' || test.status === 'skipped') continue;
        const message = test.failureMessages.join('\n');
        if (/timed out/i.test(message)) figures.hangs++;
        else if (/Property failed/.test(message)) figures.propertyFailures++;
        else figures.crashes++;
        // fast-check puts the counterexample first and the error it raised last: keep both ends.
        const shown =
          message.length > 2000 ? `${message.slice(0, 500)} … ${message.slice(-1500)}` : message;
        failures.push(`${target}: ${test.fullName}: ${shown}`);
      }
    }
    for (const line of counts) {
      const target = basename(line.file).replace(/\.fuzz\.test\.ts$/, '');
      const figures = targets[target];
      if (!figures) continue;
      figures.cases += line.cases;
      figures.fewestPerProperty =
        figures.properties === 0 ? line.cases : Math.min(figures.fewestPerProperty, line.cases);
      figures.properties++;
      if (line.interrupted) failures.push(`${target}: ${line.test}: interrupted`);
    }
    for (const [target, figures] of Object.entries(targets)) {
      figures.seconds = Math.round(figures.seconds);
      // Every target ran at least `runs` cases in one of its properties (some cap a costly one).
      if (figures.properties > 0 && figures.cases < runs)
        failures.push(`${target}: only ${figures.cases} cases ran (wanted ${runs})`);
    }
    if (child.code !== 0 && failures.length === 0)
      failures.push(`vitest exited ${child.code}: ${child.stderr.slice(-500)}`);
    const total = (key: keyof TargetFigures) =>
      Object.values(targets).reduce((sum, t) => sum + t[key], 0);
    return {
      figures: {
        runsPerTarget: runs,
        seed: opts.seed,
        targets,
        cases: total('cases'),
        crashes: total('crashes'),
        hangs: total('hangs'),
        propertyFailures: total('propertyFailures'),
        minutes: Math.round((Date.now() - started) / 6000) / 10,
      },
      targetsMet: failures.length === 0,
      failures,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const fuzz: Scenario = { name: 'fuzz', run: runFuzz };
