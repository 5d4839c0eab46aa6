import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '@shared/errors';
import { APP_VERSION } from '@shared/version';
import { createEngine } from '../engine';
import { createKeyFileKeyring } from '../engine/secrets/keyfile-keyring';
import { startBackground } from '../engine/scheduler/background';
import type { LoopbackServer } from '../engine/server/http-server';
import { startOnKeptPort } from '../engine/server/kept-port';
import type { Logger } from '../engine/types';
import { applyTestDiskLimit, TEST_DB_GROWTH_ENV } from './test-disk-limit';

export interface ServeOptions {
  dataDir: string;
  /** Overrides the port kept in settings for this run only. */
  port?: number;
  staticDir: string;
  logger: Logger;
  /** Run workflows in the background (poller, dispatcher, housekeeping); default true. */
  background?: boolean;
  /** Overrides the "Runs at once" setting for this run only (--runs-at-once). */
  runsAtOnce?: number;
  /** Serve the app's pages too (default); `run` serves only webhooks and forms. */
  ui?: boolean;
}

export interface RunningServe {
  server: LoopbackServer;
  stop(): Promise<void>;
}

/**
 * Browser mode: the engine plus the loopback server. The first start picks a free port and
 * keeps it in settings, so URLs survive restarts.
 */
export async function serve(options: ServeOptions): Promise<RunningServe> {
  if (options.ui !== false && !existsSync(resolve(options.staticDir, 'index.html'))) {
    throw new UserError(
      'not_found',
      `The renderer is not built: ${options.staticDir}/index.html is missing. Run "npm run build" first.`,
    );
  }
  const engine = createEngine({
    dataDir: options.dataDir,
    keyring: createKeyFileKeyring(options.dataDir),
    logger: options.logger,
    mode: 'browser',
    appVersion: APP_VERSION,
  });
  try {
    const limit = applyTestDiskLimit(engine.db);
    if (limit !== null)
      options.logger.warn(
        `${TEST_DB_GROWTH_ENV} is set (tests only): the database stops at ${limit} pages`,
      );
    const server = await startOnKeptPort(engine, {
      staticDir: options.staticDir,
      port: options.port,
      logger: options.logger,
    });
    const background =
      options.background === false
        ? null
        : await startBackground(engine, options.logger, { runsAtOnce: options.runsAtOnce });
    return {
      server,
      async stop() {
        await server.close();
        await background?.stop();
        engine.close();
      },
    };
  } catch (error) {
    engine.close();
    throw error;
  }
}
