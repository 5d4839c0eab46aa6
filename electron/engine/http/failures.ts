import { ConnectorError } from '@shared/connectors/errors';

/**
 * Turns whatever interrupted an exchange into a ConnectorError whose message says what happened
 * and where (`where` is "METHOD url", already redacted). `stop` is why the client aborted, if it did.
 */
export function toConnectorError(
  thrown: unknown,
  stop: 'timeout' | 'cancelled' | undefined,
  where: string,
  timeoutMs: number,
): ConnectorError {
  if (stop === 'timeout') {
    return new ConnectorError('timeout', `No answer within ${timeoutMs} ms (${where}).`);
  }
  if (stop === 'cancelled') return cancelled(where);
  if (thrown instanceof ConnectorError) return thrown;
  const error = ConnectorError.from(thrown);
  const reason = networkReason(thrown);
  if (error.code === 'network' || (error.code === 'unexpected_response' && reason)) {
    const message = `Could not reach the service: ${reason ?? error.message} (${where}).`;
    return new ConnectorError('network', message, { cause: thrown });
  }
  if (error.code === 'timeout') {
    return new ConnectorError('timeout', `The connection timed out (${where}).`, { cause: thrown });
  }
  return new ConnectorError(error.code, `${error.message} (${where}).`, {
    retryable: error.retryable,
    cause: thrown,
  });
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'the connection was closed',
  EPIPE: 'the connection was closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** fetch reports every network failure as TypeError("fetch failed") with the real one as cause. */
function networkReason(thrown: unknown): string | undefined {
  for (let e: unknown = thrown, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_REASONS[code])
      return `${NETWORK_REASONS[code]}, ${code}`;
    if (e.message === 'terminated' || /socket hang up|other side closed/i.test(e.message)) {
      return 'the connection was closed';
    }
  }
  if (thrown instanceof TypeError && thrown.message === 'fetch failed') return 'the request failed';
  return undefined;
}

export const cancelled = (where: string): ConnectorError =>
  new ConnectorError('cancelled', `The request was cancelled (${where}).`);

export const unexpected = (message: string, status?: number): ConnectorError =>
  new ConnectorError('unexpected_response', message, { status, retryable: false });
