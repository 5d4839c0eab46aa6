import { describe, expect, it } from 'vitest';
import { validateSubmission, HONEYPOT_FIELD, FormField } from '@shared/connectors/form';
import { useHookWorld } from '../../../test/support/hook-world';

const world = useHookWorld();

const SIGN_UP = {
  title: 'Join the beta',
  description: 'We write once a month.',
  fields: [
    { name: 'name', label: 'Name', type: 'text', required: true },
    { name: 'email', label: 'E-mail', type: 'email', required: true },
    { name: 'plan', label: 'Plan', type: 'select', options: ['Free', 'Pro'] },
    {
      name: 'code',
      label: 'Invite code',
      type: 'text',
      pattern: '[A-Z]{3}-[0-9]{3}',
      patternMessage: 'Invite codes look like ABC-123.',
    },
    { name: 'seats', label: 'Seats', type: 'number' },
    { name: 'terms', label: 'I accept the terms', type: 'checkbox', required: true },
  ],
  successMessage: 'Welcome aboard!',
};

const formTrigger = (config: Record<string, unknown> = SIGN_UP) => ({
  connector: 'form',
  operation: 'submission',
  config,
});

const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

const valid = {
  name: 'Ada',
  email: 'ada@example.com',
  plan: 'Pro',
  terms: 'on',
  code: 'ABC-123',
  seats: '3',
};

describe('the shared submission check', () => {
  const fields = SIGN_UP.fields.map((f) => FormField.parse(f));
  it('returns typed values for a valid submission', () => {
    expect(validateSubmission(fields, valid)).toEqual({
      ok: true,
      data: {
        name: 'Ada',
        email: 'ada@example.com',
        plan: 'Pro',
        code: 'ABC-123',
        seats: 3,
        terms: true,
      },
    });
  });
  it('names every field that is wrong, in words', () => {
    const result = validateSubmission(fields, {
      email: 'ada',
      plan: 'Gold',
      code: 'abc',
      seats: 'many',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Name is required.',
        email: 'E-mail must be an e-mail address, like name@example.com.',
        plan: 'Plan must be one of the choices.',
        code: 'Invite codes look like ABC-123.',
        seats: 'Seats must be a number.',
        terms: 'I accept the terms must be ticked.',
      },
    });
  });
  it('refuses a field list with an invalid pattern or a select without options', () => {
    expect(FormField.safeParse({ name: 'a', label: 'A', pattern: '[' }).success).toBe(false);
    expect(FormField.safeParse({ name: 'a', label: 'A', type: 'select' }).success).toBe(false);
    expect(FormField.safeParse({ name: HONEYPOT_FIELD, label: 'A' }).success).toBe(false);
  });
});

describe('hosted forms', () => {
  it('serves an accessible page with its own CSP and no scripts', async () => {
    const w = await world();
    const flow = await w.workflow(formTrigger());
    const response = await fetch(flow.url.replace('/hooks/', '/forms/'));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain('frame-ancestors *');
    expect(response.headers.get('x-frame-options')).toBeNull();
    const html = await response.text();
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1>Join the beta</h1>');
    expect(html).toContain('<label for="f-email">E-mail');
    expect(html).toMatch(/<input type="email" id="f-email" name="email" required/);
    expect(html).toContain('pattern="[A-Z]{3}-[0-9]{3}"');
    expect(html).toContain(`name="${HONEYPOT_FIELD}" tabindex="-1"`);
  });

  it('turns a valid submission into a run and shows the success message', async () => {
    const w = await world();
    const flow = await w.workflow(formTrigger());
    const response = await post(flow.url, valid);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Welcome aboard!');
    const [run] = w.runsOf(flow.id);
    expect(JSON.parse(run!.data)).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      plan: 'Pro',
      code: 'ABC-123',
      seats: 3,
      terms: true,
    });
  });

  it('shows errors linked to their fields and keeps what was typed, running nothing', async () => {
    const w = await world();
    const flow = await w.workflow(formTrigger());
    const response = await post(flow.url, {
      ...valid,
      email: 'not-an-address',
      name: '<b>Ada</b>',
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('<a href="#f-email">E-mail must be an e-mail address');
    expect(html).toMatch(/id="f-email"[^>]*aria-invalid="true" aria-describedby="f-email-error"/);
    expect(html).toContain('<p class="error" id="f-email-error">');
    expect(html).toContain('value="&lt;b&gt;Ada&lt;/b&gt;"');
    expect(w.runsOf(flow.id)).toHaveLength(0);
  });

  it('redirects after a sign-up when a redirect URL is set', async () => {
    const w = await world();
    const flow = await w.workflow(
      formTrigger({ ...SIGN_UP, redirectUrl: 'https://example.com/thanks' }),
    );
    const response = await post(flow.url, valid);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('https://example.com/thanks');
    expect(w.runsOf(flow.id)).toHaveLength(1);
  });

  it('has a JSON API for the same form, validated the same way', async () => {
    const w = await world();
    const flow = await w.workflow(formTrigger());
    const api = (body: unknown) =>
      fetch(flow.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await api({ name: 'Ada', email: 'nope', terms: true });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({
      ok: false,
      errors: { email: 'E-mail must be an e-mail address, like name@example.com.' },
    });
    const good = await api({ name: 'Ada', email: 'ada@example.com', terms: true, seats: 2 });
    expect(good.status).toBe(200);
    const reply = (await good.json()) as { ok: boolean; message: string; runId: number };
    expect(reply).toMatchObject({ ok: true, message: 'Welcome aboard!' });
    expect(w.runsOf(flow.id).map((r) => r.id)).toEqual([reply.runId]);
  });

  it('answers a filled honeypot like a success but runs nothing, and says why in the ledger', async () => {
    const w = await world();
    const flow = await w.workflow(formTrigger());
    const response = await post(flow.url, { ...valid, [HONEYPOT_FIELD]: 'http://spam.example' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Welcome aboard!');
    expect(w.runsOf(flow.id)).toHaveLength(0);
    expect(w.ledgerOf(flow.id)).toEqual([
      expect.objectContaining({
        outcome: 'filtered',
        reason: expect.stringContaining('Spam guard'),
      }),
    ]);
  });

  it('limits submissions per address and answers 429 with Retry-After', async () => {
    const w = await world();
    const flow = await w.workflow(formTrigger({ ...SIGN_UP, rateLimitPerMinute: 3 }));
    const from = (ip: string) => ({ 'x-forwarded-for': `10.0.0.9, ${ip}` });
    for (let i = 0; i < 3; i++)
      expect((await post(flow.url, valid, from('203.0.113.7'))).status).toBe(200);
    const limited = await post(flow.url, valid, from('203.0.113.7'));
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    // Another address is not held back by the first one's limit.
    expect((await post(flow.url, valid, from('198.51.100.4'))).status).toBe(200);
    expect(w.runsOf(flow.id)).toHaveLength(4);
  });

  it('answers 404 for a form whose workflow is not enabled', async () => {
    const w = await world();
    const flow = await w.workflow(formTrigger());
    await w.call('workflows:disable', { id: flow.id });
    expect((await fetch(flow.url)).status).toBe(404);
  });
});
