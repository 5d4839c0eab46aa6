import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogueHarness, failureOf } from './harness';
import { startTwilioStub } from './twilio';

let stub: Awaited<ReturnType<typeof startTwilioStub>>;
beforeEach(async () => {
  stub = await startTwilioStub();
});
afterEach(() => stub.close());

const connect = (token = stub.account.token) =>
  catalogueHarness('twilio', {
    accountSid: stub.account.sid,
    authToken: token,
    baseUrl: stub.baseUrl,
  });

describe('Twilio (contract, against the stub)', () => {
  it('sends an SMS with the numbers normalised to E.164', async () => {
    const out = (await connect().run('sms_send', {
      to: '(415) 555-2671',
      from: '+1 415 555 0100',
      body: 'Your order shipped',
    })) as { sid: string; to: string; status: string };
    expect(out.status).toBe('queued');
    expect(stub.sent[0]).toMatchObject({
      to: '+14155552671',
      from: '+14155550100',
      body: 'Your order shipped',
    });
    expect(stub.received[0]!.form).not.toHaveProperty('MessagingServiceSid');
  });

  it('reads numbers without + in the step’s default country', async () => {
    await connect().run('sms_send', {
      to: '020 7946 0018',
      from: '+14155550100',
      body: 'Hi',
      defaultCountry: 'GB',
    });
    expect(stub.sent[0]!.to).toBe('+442079460018');
  });

  it('refuses a number that is not one before sending anything', async () => {
    const error = await failureOf(
      connect().run('sms_send', { to: 'call me', from: '+14155550100', body: 'Hi' }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^To: "call me" is not a phone number/);
    expect(stub.received).toHaveLength(0);
  });

  it('passes Twilio’s own validation message on as invalid input', async () => {
    const error = await failureOf(connect().run('sms_send', { to: '+14155552671', body: 'Hi' }));
    expect(error).toMatchObject({ code: 'invalid_input', retryable: false, status: 400 });
    expect(error.message).toContain("A 'From' or 'MessagingServiceSid' parameter is required");
  });

  it('a wrong auth token means the connection needs reconnecting', async () => {
    const error = await failureOf(
      connect('wrong').run('sms_send', { to: '+14155552671', from: '+14155550100', body: 'Hi' }),
    );
    expect(error).toMatchObject({ code: 'auth_expired', retryable: false, status: 401 });
    const test = await connect('wrong').test();
    expect(test).toMatchObject({ ok: false, status: 'needs_reconnect' });
  });

  it('429 is rate limited and retryable (the engine backs off)', async () => {
    stub.tooManyRequests();
    const error = await failureOf(
      connect().run('sms_send', { to: '+14155552671', from: '+14155550100', body: 'Hi' }),
    );
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, status: 429 });
  });

  it('test connection names the account and never logs the token', async () => {
    const h = connect();
    const test = await h.test();
    expect(test).toMatchObject({ ok: true, status: 'ok' });
    expect(test.message).toContain('Stub account');
    expect(JSON.stringify(h.exchanges)).not.toContain(stub.account.token);
  });
});
