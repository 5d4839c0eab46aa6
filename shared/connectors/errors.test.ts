import { describe, expect, it } from 'vitest';
import {
  CONNECTOR_ERROR_SENTENCES,
  ConnectorError,
  ConnectorErrorCode,
  describeConnectorError,
  isTransient,
} from './errors';

describe('ConnectorError', () => {
  it('is retryable by default exactly when its code is transient', () => {
    for (const code of ConnectorErrorCode.options) {
      expect(new ConnectorError(code, 'x').retryable).toBe(isTransient(code));
    }
  });

  it('treats network, timeout, server errors and rate limits as transient, and nothing else', () => {
    const transient = ConnectorErrorCode.options.filter(isTransient);
    expect(transient.sort()).toEqual(['network', 'rate_limited', 'server_error', 'timeout']);
  });

  it('lets the caller override retryable and carry retryAfterMs, status and details', () => {
    const error = new ConnectorError('quota_exceeded', 'Daily limit reached', {
      retryable: true,
      retryAfterMs: 60_000,
      status: 403,
      details: { reason: 'dailyLimitExceeded' },
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConnectorError');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.status).toBe(403);
    expect(error.details).toEqual({ reason: 'dailyLimitExceeded' });
  });

  it('serialises to code, message, retryable and only the optional fields that are set', () => {
    expect(JSON.parse(JSON.stringify(new ConnectorError('not_found', 'No such sheet')))).toEqual({
      code: 'not_found',
      message: 'No such sheet',
      retryable: false,
    });
    const limited = new ConnectorError('rate_limited', 'Slow down', {
      retryAfterMs: 5000,
      status: 429,
      details: { not: 'serialised' },
    });
    expect(limited.toJSON()).toEqual({
      code: 'rate_limited',
      message: 'Slow down',
      retryable: true,
      retryAfterMs: 5000,
      status: 429,
    });
  });

  describe('from', () => {
    it('returns a ConnectorError unchanged', () => {
      const error = new ConnectorError('conflict', 'x');
      expect(ConnectorError.from(error)).toBe(error);
    });

    it('rebuilds an error from its serialised payload', () => {
      const original = new ConnectorError('server_error', 'Boom', {
        status: 503,
        retryAfterMs: 10,
      });
      const rebuilt = ConnectorError.from(JSON.parse(JSON.stringify(original)));
      expect(rebuilt).toBeInstanceOf(ConnectorError);
      expect(rebuilt.toJSON()).toEqual(original.toJSON());
    });

    it('maps an abort to cancelled and a timeout to timeout', () => {
      const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
      const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
      expect(ConnectorError.from(abort).code).toBe('cancelled');
      expect(ConnectorError.from(abort).retryable).toBe(false);
      expect(ConnectorError.from(timeout).code).toBe('timeout');
      expect(ConnectorError.from(timeout).retryable).toBe(true);
    });

    it('maps network error codes, also when fetch wraps them as the cause', () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      const wrapped = new TypeError('fetch failed', { cause: refused });
      expect(ConnectorError.from(refused).code).toBe('network');
      expect(ConnectorError.from(wrapped).code).toBe('network');
      expect(ConnectorError.from(wrapped).message).toBe('fetch failed');
      expect(ConnectorError.from(wrapped).cause).toBe(wrapped);
      const slow = Object.assign(new Error('connect timeout'), { code: 'UND_ERR_CONNECT_TIMEOUT' });
      expect(ConnectorError.from(new TypeError('fetch failed', { cause: slow })).code).toBe(
        'timeout',
      );
    });

    it('treats anything else as a non-retryable unexpected response', () => {
      for (const thrown of [new RangeError('bad'), 'a string', 42, null, { code: 'nope' }]) {
        const error = ConnectorError.from(thrown);
        expect(error.code).toBe('unexpected_response');
        expect(error.retryable).toBe(false);
      }
      expect(ConnectorError.from('a string').message).toBe('a string');
    });
  });
});

describe('describeConnectorError', () => {
  it('has a plain sentence for every code, saying what to do next', () => {
    for (const code of ConnectorErrorCode.options) {
      expect(CONNECTOR_ERROR_SENTENCES[code]).toMatch(/^[A-Z].+\.$/);
      expect(describeConnectorError(code)).toBe(CONNECTOR_ERROR_SENTENCES[code]);
    }
    expect(describeConnectorError('auth_expired')).toBe(
      'The account needs to be reconnected. Open Connections and reconnect it.',
    );
  });
});
