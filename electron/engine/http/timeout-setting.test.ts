import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../../../test/support/temp-dir';
import { openDatabase } from '../db/open';
import { createWorkflowsRepo } from '../db/repos/workflows';
import { createEngine } from '../index';
import { createKeyFileKeyring } from '../secrets/keyfile-keyring';
import { silentLogger, systemClock } from '../types';
import { buildWorkflowEngine } from '../workflows/build';
import { useTestServers } from './test-server';
import { HTTP_TIMEOUT_ENV, httpTimeoutFromEnv } from './timeout-setting';

const tempDir = useTempDir();
const startServer = useTestServers();
afterEach(() => void vi.unstubAllEnvs());

describe(HTTP_TIMEOUT_ENV, () => {
  it('is unset by default, so the HTTP layer keeps its own 30 s', () => {
    expect(httpTimeoutFromEnv({})).toBeUndefined();
    expect(httpTimeoutFromEnv({ [HTTP_TIMEOUT_ENV]: ' ' })).toBeUndefined();
    expect(httpTimeoutFromEnv({ [HTTP_TIMEOUT_ENV]: '2000' })).toBe(2000);
  });

  it.each([
    ['soon', /SWITCHYARD_HTTP_TIMEOUT_MS="soon" is not a valid timeout/],
    ['2.5', /whole number of milliseconds/],
    ['10', /at least 100 ms/],
    ['999999999', /at most 600000 ms/],
  ])('refuses %s with a message naming the variable', (value, message) => {
    expect(() => httpTimeoutFromEnv({ [HTTP_TIMEOUT_ENV]: value })).toThrow(message);
    try {
      httpTimeoutFromEnv({ [HTTP_TIMEOUT_ENV]: value });
    } catch (error) {
      expect(error).toMatchObject({ name: 'UserError', code: 'invalid_input' });
    }
  });

  it('makes the engine give up on a request that gets no answer within it', async () => {
    vi.stubEnv(HTTP_TIMEOUT_ENV, '300');
    const silent = await startServer(() => undefined); // reads the request, never answers
    const db = openDatabase(join(tempDir(), 'switchyard.sqlite'));
    try {
      const { executor } = buildWorkflowEngine({
        db,
        workflows: createWorkflowsRepo(db),
        clock: systemClock,
        logger: silentLogger,
        emit: () => undefined,
        options: {},
      });
      const started = performance.now();
      await expect(executor.httpFor(null).request({ url: silent.url('/slow') })).rejects.toThrow(
        /No answer within 300 ms/,
      );
      // Well under the default 30 s, whatever the load on the machine.
      expect(performance.now() - started).toBeLessThan(15_000);
    } finally {
      db.close();
    }
  });

  it('stops an engine from starting with an invalid value', () => {
    vi.stubEnv(HTTP_TIMEOUT_ENV, 'soon');
    const dataDir = tempDir();
    expect(() => createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir) })).toThrow(
      /SWITCHYARD_HTTP_TIMEOUT_MS/,
    );
  });
});
