import { resolve } from 'node:path';
import { mergeConfig } from 'vitest/config';
import base from '../../vitest.config';

/** The fuzz suites as `npm test` runs them, plus a per-test count of the cases fast-check ran. */
export default mergeConfig(base, {
  test: { setupFiles: [resolve(import.meta.dirname, 'fuzz-count.setup.ts')] },
});
