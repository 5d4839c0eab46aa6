import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/engine';
import { useHookWorld } from '../../../test/support/hook-world';
import { verifyWebhook } from '../connectors/webhook/verify';

const world = useHookWorld();
const hook = (config: Record<string, unknown>) => ({
  connector: 'webhook_in',
  operation: 'receive',
  config,
});

/** Signs like a sender using the standardwebhooks package (an independent implementation). */
function standardHeaders(secret: string, id: string, at: Date, body: string) {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

async function standardWorld() {
  const w = await world();
  const flow = await w.workflow(hook({ verification: 'standard' }));
  const { secret } = await w.call<{ secret: string }>('triggers:secret', {
    workflowId: flow.id,
    action: 'generate',
  });
  return { ...w, flow, secret };
}

describe('incoming webhooks', () => {
  it('stores the request as a queued run before answering 202', async () => {
    const w = await world();
    const flow = await w.workflow(hook({ verification: 'none' }));
    const response = await fetch(`${flow.url}?source=shop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer keep-me-out' },
      body: JSON.stringify({ email: 'ada@example.com' }),
    });
    expect(response.status).toBe(202);
    const reply = (await response.json()) as { accepted: boolean; runId: number };
    // The run exists the moment the answer arrives: it was committed first.
    const runs = w.runsOf(flow.id);
    expect(runs.map((r) => r.id)).toEqual([reply.runId]);
    expect(runs[0]!.state).toBe('queued');
    const data = JSON.parse(runs[0]!.data) as Record<string, unknown>;
    expect(data).toMatchObject({
      method: 'POST',
      query: { source: 'shop' },
      contentType: 'application/json',
      body: { email: 'ada@example.com' },
    });
    expect(data.headers).not.toHaveProperty('authorization');
    expect(w.ledgerOf(flow.id)).toEqual([
      expect.objectContaining({ outcome: 'fired', runId: reply.runId }),
    ]);
  });

  it('needs no access token, and runs the workflow through its steps', async () => {
    const w = await world();
    const flow = await w.workflow(hook({ verification: 'none' }));
    const response = await fetch(flow.url, { method: 'POST', body: 'hello' });
    expect(response.status).toBe(202);
    await w.engine.workflowEngine.queue.drain();
    const [run] = w.runsOf(flow.id);
    expect(run!.state).toBe('succeeded');
    expect(JSON.parse(run!.data)).toMatchObject({ contentType: 'text/plain', body: 'hello' });
  });

  it('reads form-urlencoded bodies, and refuses other content types with 415', async () => {
    const w = await world();
    const flow = await w.workflow(hook({ verification: 'none' }));
    const form = await fetch(flow.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Ada&tag=a&tag=b',
    });
    expect(form.status).toBe(202);
    expect(JSON.parse(w.runsOf(flow.id)[0]!.data).body).toEqual({ name: 'Ada', tag: ['a', 'b'] });
    const binary = await fetch(flow.url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([1, 2, 3]),
    });
    expect(binary.status).toBe(415);
    const broken = await fetch(flow.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(broken.status).toBe(400);
    expect(w.runsOf(flow.id)).toHaveLength(1);
  });

  it('refuses a body over the limit with 413 and stores nothing', async () => {
    const w = await world();
    const flow = await w.workflow(hook({ verification: 'none' }));
    const big = 'x'.repeat(1024 * 1024 + 1);
    const response = await fetch(flow.url, { method: 'POST', body: big });
    expect(response.status).toBe(413);
    const small = await w.workflow(hook({ verification: 'none', maxBodyKb: 1 }));
    expect((await fetch(small.url, { method: 'POST', body: 'y'.repeat(1025) })).status).toBe(413);
    expect((await fetch(small.url, { method: 'POST', body: 'y'.repeat(1024) })).status).toBe(202);
    expect(w.runsOf(flow.id)).toHaveLength(0);
  });

  it('answers with the configured status and body', async () => {
    const w = await world();
    const flow = await w.workflow(
      hook({ verification: 'none', responseStatus: 200, responseBody: '{"ok":true}' }),
    );
    const response = await fetch(flow.url, { method: 'POST', body: 'x' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers 404 for unknown addresses and for workflows that are not enabled', async () => {
    const w = await world();
    const flow = await w.workflow(hook({ verification: 'none' }));
    expect((await fetch(`${w.base}/hooks/nothing-here`, { method: 'POST' })).status).toBe(404);
    await w.call('workflows:disable', { id: flow.id });
    expect((await fetch(flow.url, { method: 'POST', body: 'x' })).status).toBe(404);
    expect((await fetch(flow.url, { method: 'GET' })).status).toBe(404);
  });

  it('keeps the same URL across restarts', async () => {
    const first = await world();
    const flow = await first.workflow(hook({ verification: 'none' }));
    const port = first.server.port;
    await first.server.close();
    first.engine.close();
    const second = await world({ dir: first.dir, port });
    const again = await second.call<{ path: string }>('triggers:endpoint', { workflowId: flow.id });
    expect(again.path).toBe(flow.path);
    expect((await fetch(flow.url, { method: 'POST', body: 'after restart' })).status).toBe(202);
  });
});

describe('Standard Webhooks verification', () => {
  it('accepts requests signed by the standardwebhooks package', async () => {
    const w = await standardWorld();
    const body = JSON.stringify({ type: 'user.created', data: { id: 1 } });
    const response = await fetch(w.flow.url, {
      method: 'POST',
      headers: standardHeaders(w.secret, 'msg_1', new Date(), body),
      body,
    });
    expect(response.status).toBe(202);
    expect(w.runsOf(w.flow.id).map((r) => r.itemId)).toEqual(['msg_1']);
  });

  it('refuses a forged signature with 401, runs nothing, and logs it for the operator', async () => {
    const w = await standardWorld();
    const body = JSON.stringify({ amount: 100 });
    const headers = standardHeaders(w.secret, 'msg_2', new Date(), body);
    const tampered = JSON.stringify({ amount: 100000 });
    const response = await fetch(w.flow.url, { method: 'POST', headers, body: tampered });
    expect(response.status).toBe(401);
    const other = standardHeaders(
      `whsec_${Buffer.from('another key!').toString('base64')}`,
      'msg_3',
      new Date(),
      body,
    );
    expect((await fetch(w.flow.url, { method: 'POST', headers: other, body })).status).toBe(401);
    expect(w.runsOf(w.flow.id)).toHaveLength(0);
    const audit = w.engine.repos.audit.list({ limit: 10, domain: 'webhooks' });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      target: w.flow.id,
      detail: { reason: 'webhook-signature does not match', webhookId: 'msg_3' },
    });
  });

  it('refuses timestamps outside the five-minute tolerance', async () => {
    const clock = manualClock(Date.now());
    const w = await world({ clock });
    const flow = await w.workflow(hook({ verification: 'standard' }));
    const { secret } = await w.call<{ secret: string }>('triggers:secret', {
      workflowId: flow.id,
      action: 'generate',
    });
    const body = '{}';
    const stale = standardHeaders(secret, 'msg_old', new Date(clock.ms - 301_000), body);
    expect((await fetch(flow.url, { method: 'POST', headers: stale, body })).status).toBe(401);
    const future = standardHeaders(secret, 'msg_new', new Date(clock.ms + 301_000), body);
    expect((await fetch(flow.url, { method: 'POST', headers: future, body })).status).toBe(401);
    const fresh = standardHeaders(secret, 'msg_ok', new Date(clock.ms - 290_000), body);
    expect((await fetch(flow.url, { method: 'POST', headers: fresh, body })).status).toBe(202);
    const reasons = w.engine.repos.audit
      .list({ limit: 10, domain: 'webhooks' })
      .map((e) => e.detail.reason);
    expect(reasons.every((r) => String(r).includes('tolerance 300 s'))).toBe(true);
  });

  it('answers a replayed webhook-id 200 and records it as a duplicate without running again', async () => {
    const w = await standardWorld();
    const body = '{"n":1}';
    const headers = standardHeaders(w.secret, 'msg_replay', new Date(), body);
    expect((await fetch(w.flow.url, { method: 'POST', headers, body })).status).toBe(202);
    const again = await fetch(w.flow.url, { method: 'POST', headers, body });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(w.runsOf(w.flow.id)).toHaveLength(1);
    expect(w.ledgerOf(w.flow.id).map((l) => l.outcome)).toEqual(['fired', 'duplicate']);
  });

  it('refuses everything while verification is on but no secret is set', async () => {
    const w = await world();
    const flow = await w.workflow(hook({ verification: 'standard' }));
    const body = '{}';
    const headers = standardHeaders(
      `whsec_${Buffer.from('guess').toString('base64')}`,
      'm',
      new Date(),
      body,
    );
    expect((await fetch(flow.url, { method: 'POST', headers, body })).status).toBe(401);
  });

  it('our verification agrees with the package on valid and tampered signatures', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const at = new Date();
    const body = '{"hello":"world"}';
    const headers = standardHeaders(secret, 'msg_x', at, body);
    const config = { verification: 'standard', toleranceSeconds: 300 } as never;
    const check = (h: Record<string, string>, b: string) =>
      verifyWebhook(config, secret, {
        headers: h,
        rawBody: Buffer.from(b),
        url: '',
        nowMs: at.getTime(),
      }).ok;
    expect(check(headers, body)).toBe(true);
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    const sig = headers['webhook-signature'];
    const flipped = `${sig.slice(0, -2)}${sig.at(-2) === 'A' ? 'B' : 'A'}${sig.at(-1)}`;
    expect(check({ ...headers, 'webhook-signature': flipped }, body)).toBe(false);
    expect(check(headers, `${body} `)).toBe(false);
    expect(check({ ...headers, 'webhook-id': 'msg_y' }, body)).toBe(false);
    // Several signatures (a sender mid-rotation): one match is enough.
    expect(check({ ...headers, 'webhook-signature': `v1,AAAA ${sig}` }, body)).toBe(true);
  });
});

describe('HMAC and shared-secret verification', () => {
  it('checks an HMAC-SHA256 of the raw body in the chosen header, hex with a prefix', async () => {
    const w = await world();
    const flow = await w.workflow(
      hook({
        verification: 'hmac',
        signatureHeader: 'x-hub-signature-256',
        signaturePrefix: 'sha256=',
      }),
    );
    await w.call('triggers:secret', {
      workflowId: flow.id,
      action: 'set',
      secret: 'github-secret',
    });
    const body = '{"action":"opened"}';
    const good = createHmac('sha256', 'github-secret').update(body).digest('hex');
    const send = (signature: string, payload = body) =>
      fetch(flow.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body: payload,
      });
    expect((await send(`sha256=${good}`)).status).toBe(202);
    expect((await send(good)).status).toBe(401); // prefix missing
    expect((await send(`sha256=${good}`, '{"action":"closed"}')).status).toBe(401);
    expect(w.runsOf(flow.id)).toHaveLength(1);
  });

  it('checks base64 signatures that cover the public URL', async () => {
    const w = await world();
    await w.call('settings:set', { publicBaseUrl: 'https://tunnel.example.com' });
    const flow = await w.workflow(
      hook({
        verification: 'hmac',
        signatureHeader: 'x-signature',
        signatureEncoding: 'base64',
        signsUrl: true,
      }),
    );
    await w.call('triggers:secret', { workflowId: flow.id, action: 'set', secret: 'url-secret-1' });
    const body = 'a=1';
    const signed = (url: string) =>
      createHmac('sha256', 'url-secret-1')
        .update(url + body)
        .digest('base64');
    const send = (signature: string) =>
      fetch(`${flow.url}?x=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-signature': signature },
        body,
      });
    expect((await send(signed(`https://tunnel.example.com${flow.path}?x=1`))).status).toBe(202);
    expect((await send(signed(`${flow.url}?x=1`))).status).toBe(401);
  });

  it('checks a shared-secret header and never stores it in the run', async () => {
    const w = await world();
    const flow = await w.workflow(hook({ verification: 'header', secretHeader: 'x-token' }));
    await w.call('triggers:secret', {
      workflowId: flow.id,
      action: 'set',
      secret: 'shared-s3cret',
    });
    const send = (token: string) =>
      fetch(flow.url, {
        method: 'POST',
        headers: { 'x-token': token },
        body: 'token=shared-s3cret',
      });
    expect((await send('wrong')).status).toBe(401);
    expect((await send('shared-s3cret')).status).toBe(202);
    const [run] = w.runsOf(flow.id);
    expect(run!.data).not.toContain('shared-s3cret');
  });
});

describe('webhook secrets', () => {
  it('are sealed in the database, shown once when generated, and never in the workflow', async () => {
    const w = await world();
    const flow = await w.workflow(hook({ verification: 'standard' }));
    const generated = await w.call<{ secret: string; endpoint: { hasSecret: boolean } }>(
      'triggers:secret',
      { workflowId: flow.id, action: 'generate' },
    );
    expect(generated.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(generated.endpoint.hasSecret).toBe(true);
    const info = await w.call<Record<string, unknown>>('triggers:endpoint', {
      workflowId: flow.id,
    });
    expect(JSON.stringify(info)).not.toContain(generated.secret.slice(6));
    const stored = w.engine.db
      .prepare('SELECT secret_sealed FROM trigger_endpoints')
      .pluck()
      .get() as string;
    expect(stored.startsWith('sy1.')).toBe(true);
    expect(stored).not.toContain(generated.secret.slice(6));
    const workflow = await w.call<Record<string, unknown>>('workflows:get', { id: flow.id });
    expect(JSON.stringify(workflow)).not.toContain(generated.secret.slice(6));
    const audit = JSON.stringify(w.engine.repos.audit.list({ limit: 20 }));
    expect(audit).toContain('webhook secret generated');
    expect(audit).not.toContain(generated.secret.slice(6));
    // A rotation replaces it: the old secret no longer verifies.
    const rotated = await w.call<{ secret: string }>('triggers:secret', {
      workflowId: flow.id,
      action: 'generate',
    });
    expect(rotated.secret).not.toBe(generated.secret);
    const body = '{}';
    const old = standardHeaders(generated.secret, 'm1', new Date(), body);
    expect((await fetch(flow.url, { method: 'POST', headers: old, body })).status).toBe(401);
    const fresh = standardHeaders(rotated.secret, 'm2', new Date(), body);
    expect((await fetch(flow.url, { method: 'POST', headers: fresh, body })).status).toBe(202);
  });

  it('survive a vault key rotation', async () => {
    const w = await world();
    const flow = await w.workflow(hook({ verification: 'header', secretHeader: 'x-token' }));
    await w.call('triggers:secret', {
      workflowId: flow.id,
      action: 'set',
      secret: 'rotating-secret',
    });
    expect(w.engine.vault.rotate().resealed).toBeGreaterThanOrEqual(1);
    const response = await fetch(flow.url, {
      method: 'POST',
      headers: { 'x-token': 'rotating-secret' },
      body: 'x',
    });
    expect(response.status).toBe(202);
  });
});
