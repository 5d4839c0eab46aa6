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
    // fast-check 4 otherwise puts the error a case raised in `cause`, which vitest's JSON report
    // leaves out: the report then says a property failed but not why (issue 13's bridge failure).
    includeErrorInReport: true,
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
