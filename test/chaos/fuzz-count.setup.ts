/**
 * Loaded by the chaos fuzz run (fuzz.vitest.config.ts): every fast-check property reports the
 * cases it actually ran, per test, to FUZZ_COUNT_FILE. A failure still fails the test as before.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';

const countFile = process.env.FUZZ_COUNT_FILE;
if (countFile) {
  fc.configureGlobal({
    ...fc.readConfigureGlobal(),
    reporter(details) {
      const line = {
        test: expect.getState().currentTestName ?? '(unknown)',
        file: expect.getState().testPath ?? '',
        cases: details.numRuns,
        failed: details.failed,
        interrupted: details.interrupted,
      };
      appendFileSync(countFile, `${JSON.stringify(line)}\n`);
      if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'Property failed');
    },
  });
}
