import { ConnectorError } from '@shared/connectors/errors';
import { z } from 'zod';
import type { HttpClient } from '../http/client';
import type { Clock } from '../types';
import type { GrantTokens } from './refresh';

const TokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().optional(),
});

/**
 * One form POST to a token endpoint, answered as the grant's tokens. A refusal (400/401) is the
 * error `refused` makes of it (the operator must reconnect); anything else is thrown as it is.
 */
export async function requestGrantTokens(
  deps: { http: HttpClient; clock: Clock },
  request: { url: string; form: Record<string, string>; headers?: Record<string, string> },
  refused: (error: ConnectorError) => Error,
): Promise<GrantTokens> {
  let res;
  try {
    res = await deps.http.request({ method: 'POST', ...request, schema: TokenAnswer });
  } catch (error) {
    if (error instanceof ConnectorError && (error.status === 400 || error.status === 401))
      throw refused(error);
    throw error;
  }
  return {
    accessToken: res.body.access_token,
    refreshToken: res.body.refresh_token,
    expiresAt:
      res.body.expires_in === undefined
        ? undefined
        : deps.clock.now().getTime() + res.body.expires_in * 1000,
  };
}
