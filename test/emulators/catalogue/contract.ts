import { afterEach, beforeEach, expect, it } from 'vitest';
import { catalogueHarness, failureOf } from './harness';
import type { Stub, StubReply } from './server';

/** A started stub and the connections that work (and do not) against it. */
export interface ServiceStub extends Stub {
  credentials: Record<string, unknown>;
  wrongCredentials: Record<string, unknown>;
  /** The service's documented 429 answer. */
  tooManyRequests: StubReply;
}

export interface ContractCase {
  service: string;
  start(): Promise<ServiceStub>;
  action: string;
  valid: Record<string, unknown>;
  /** Checks what the stub received and what the action returned. */
  sent(stub: ServiceStub, output: unknown): void;
  /** A config the service itself refuses, and the words its message must carry. */
  refused: { config: Record<string, unknown>; message: RegExp };
  /** Says who the test connection reached, when the service tells. */
  account?: RegExp;
}

/**
 * The contract every catalogue service passes against its stub: the action succeeds, the
 * service's refusal reads as invalid input, 401 means reconnect, 429 is retryable with its
 * Retry-After, and "test connection" tells a good connection from a bad one.
 */
export function standardContract(c: ContractCase) {
  let stub: ServiceStub;
  beforeEach(async () => {
    stub = await c.start();
  });
  afterEach(() => stub.close());
  const good = () => catalogueHarness(c.service, stub.credentials);
  const bad = () => catalogueHarness(c.service, stub.wrongCredentials);

  it(`${c.action} sends what the API reference documents`, async () => {
    const output = await good().run(c.action, c.valid);
    c.sent(stub, output);
  });

  it('a refusal by the service is invalid input, with its own message', async () => {
    const error = await failureOf(good().run(c.action, c.refused.config));
    expect(error).toMatchObject({ code: 'invalid_input', retryable: false });
    expect(error.message).toMatch(c.refused.message);
  });

  it('wrong credentials mean the connection needs reconnecting', async () => {
    const error = await failureOf(bad().run(c.action, c.valid));
    expect(error).toMatchObject({ code: 'auth_expired', retryable: false });
    expect(await bad().test()).toMatchObject({ ok: false, status: 'needs_reconnect' });
  });

  it('429 is rate limited: retryable, after the wait the service asked for', async () => {
    stub.failNext({
      ...stub.tooManyRequests,
      headers: { ...stub.tooManyRequests.headers, 'retry-after': '7' },
    });
    const error = await failureOf(good().run(c.action, c.valid));
    expect(error).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      status: stub.tooManyRequests.status,
      retryAfterMs: 7000,
    });
  });

  it('test connection passes with good credentials and logs no secret', async () => {
    const h = good();
    const result = await h.test();
    expect(result).toMatchObject({ ok: true, status: 'ok' });
    if (c.account) expect(result.message).toMatch(c.account);
    const logged = JSON.stringify(h.exchanges);
    for (const [name, value] of Object.entries(stub.credentials))
      if (typeof value === 'string' && /token|secret|key|password/i.test(name) && value.length > 6)
        expect(logged).not.toContain(value);
  });

  return { stub: () => stub, good, bad };
}
