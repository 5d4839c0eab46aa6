import { randomBytes } from 'node:crypto';
import { UserError } from '@shared/errors';
import type { EngineInternals } from '../index';
import type { Logger } from '../types';
import { startLoopbackServer, type LoopbackServer } from './http-server';

/**
 * Starts the loopback server on the port kept in settings (the first start picks a free one and
 * keeps it), so webhook and form URLs survive restarts. `port` overrides it for this run only.
 */
export async function startOnKeptPort(
  engine: EngineInternals,
  options: { staticDir: string | null; port?: number; logger: Logger },
): Promise<LoopbackServer> {
  const settings = engine.repos.settings;
  const kept = settings.get().serverPort;
  const port = options.port ?? kept ?? 0;
  let server: LoopbackServer;
  try {
    server = await startLoopbackServer({
      engine,
      staticDir: options.staticDir,
      token: randomBytes(24).toString('base64url'),
      port,
      logger: options.logger,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UserError(
        'conflict',
        `Port ${port} on 127.0.0.1 is in use by another program. Stop it, or start with --port <another port>.`,
      );
    }
    throw error;
  }
  if (options.port === undefined && kept === null)
    settings.set({ serverPort: server.port }, new Date());
  return server;
}
