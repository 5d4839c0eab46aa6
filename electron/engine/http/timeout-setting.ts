import { UserError } from '@shared/errors';
import { z } from 'zod';

/**
 * The per-request timeout of every HTTP and Google call that does not set its own (an HTTP
 * step's `timeoutSeconds` still wins). Read from the environment so the headless engine, the
 * CLI and its worker threads (which inherit the environment) all see the same value; the chaos
 * faults scenario sets it short so the client's own timeout path is exercised.
 */
export const HTTP_TIMEOUT_ENV = 'SWITCHYARD_HTTP_TIMEOUT_MS';

const TimeoutMs = z.coerce
  .number()
  .int('a whole number of milliseconds')
  .min(100, 'at least 100 ms')
  .max(10 * 60_000, 'at most 600000 ms (10 minutes)');

/** The configured default timeout in ms, or undefined (the HTTP layer's 30 s) when unset. */
export function httpTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[HTTP_TIMEOUT_ENV]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const parsed = TimeoutMs.safeParse(raw);
  if (!parsed.success)
    throw new UserError(
      'invalid_input',
      `${HTTP_TIMEOUT_ENV}=${JSON.stringify(raw.slice(0, 32))} is not a valid timeout: ${parsed.error.issues[0]?.message ?? 'not a number'}.`,
    );
  return parsed.data;
}
