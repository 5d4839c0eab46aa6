import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { ConnectionSaved, ConnectionTestResult } from '@shared/ipc/contract';
import { sendJson, useTestServers, type ReceivedRequest } from '../../http/test-server';
import { call, useRunHarness } from '../../../../test/support/run-harness';
import { chain, manualTrigger } from '../../../../test/support/workflows';

const setUp = useRunHarness();
const startServer = useTestServers();

/** The receiver's check, by an independent implementation of Standard Webhooks. */
const verify = (secret: string, req: ReceivedRequest) =>
  new Webhook(secret).verify(req.body, req.headers as Record<string, string>);

async function world(answers: number[]) {
  const server = await startServer((req, res) => {
    const status = answers[server.received.length - 1] ?? 200;
    sendJson(res, status, { received: status < 300 });
  });
  const harness = setUp(); // full jitter draws its ceiling: the first retry waits 2 s
  harness.clock.set(Date.now()); // the receiver checks the timestamp against its own clock
  const made = await call<ConnectionSaved>(harness.engine, 'connections:create', {
    kind: 'webhook_endpoint',
    name: 'CRM hook',
    credentials: { url: server.url('/in') },
  });
  const workflowId = await harness.save(
    chain(manualTrigger(), [
      {
        id: 'notify',
        type: 'action',
        connector: 'webhook_out',
        operation: 'send',
        connection: made.connection.id,
        position: { x: 0, y: 0 },
        config: {
          event: 'lead.created',
          data: { email: '{{trigger.email}}', score: '{{trigger.score}}' },
          headers: { 'X-Source': 'switchyard', 'webhook-signature': 'forged' },
        },
      },
    ]),
  );
  return { ...harness, server, secret: made.revealed!.secret!, made, workflowId };
}

describe('the outgoing webhook action', () => {
  it('sends events whose signature the standardwebhooks package verifies', async () => {
    const { server, secret, accept, drain, run, workflowId } = await world([200]);
    const [runId] = accept(workflowId, {
      id: 'lead-1',
      data: { email: 'ada@example.com', score: 42 },
    }).runIds;
    await drain();
    const detail = await run(runId!);
    expect(detail.state).toBe('succeeded');
    const [req] = server.received;
    expect(req!.headers['x-source']).toBe('switchyard');
    expect(req!.headers['content-type']).toBe('application/json');
    const payload = verify(secret, req!) as { type: string; timestamp: string; data: unknown };
    expect(payload).toMatchObject({
      type: 'lead.created',
      data: { email: 'ada@example.com', score: 42 },
    });
    expect(detail.steps.at(-1)?.output).toMatchObject({
      status: 200,
      webhookId: req!.headers['webhook-id'],
      body: { received: true },
    });
    expect(() => verify(`whsec_${Buffer.from('another key').toString('base64')}`, req!)).toThrow();
  });

  it('retries a failed delivery with the same webhook-id, freshly signed', async () => {
    const { server, secret, clock, accept, drain, run, workflowId } = await world([503, 200]);
    const [runId] = accept(workflowId, { id: 'lead-2', data: { email: 'b@example.com' } }).runIds;
    await drain();
    expect((await run(runId!)).state).toBe('retrying');
    clock.advance(2_000);
    await drain();
    expect((await run(runId!)).state).toBe('succeeded');
    const [first, second] = server.received;
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.headers['webhook-timestamp']).not.toBe(first!.headers['webhook-timestamp']);
    expect(() => verify(secret, first!)).not.toThrow();
    expect(() => verify(secret, second!)).not.toThrow();
  });

  it('signs with the new secret once rotated; "send test event" shows the response', async () => {
    const { server, engine, made, clock } = await world([200, 200]);
    const tested = await call<ConnectionTestResult>(engine, 'connections:test', {
      id: made.connection.id,
    });
    expect(tested).toMatchObject({ ok: true, response: { status: 200, body: { received: true } } });
    expect(verify(made.revealed!.secret!, server.received[0]!)).toMatchObject({
      type: 'switchyard.test',
    });
    clock.advance(1_000); // connections are reopened when their stored version changes
    const rotated = await call<ConnectionSaved>(engine, 'connections:rotate', {
      id: made.connection.id,
    });
    await call(engine, 'connections:test', { id: made.connection.id });
    expect(() => verify(made.revealed!.secret!, server.received[1]!)).toThrow();
    expect(() => verify(rotated.revealed!.secret!, server.received[1]!)).not.toThrow();
  });

  it('fails clearly when the step has no endpoint', async () => {
    const { engine, save, accept, drain, run } = setUp();
    const id = await save(
      chain(manualTrigger(), [
        {
          id: 'notify',
          type: 'action',
          connector: 'webhook_out',
          operation: 'send',
          position: { x: 0, y: 0 },
          config: { event: 'x' },
        },
      ]),
    );
    const [runId] = accept(id, { id: 'i', data: {} }).runIds;
    await drain();
    const detail = await run(runId!);
    expect(detail.error).toMatchObject({
      code: 'invalid_input',
      message: 'Choose a webhook endpoint for this step.',
    });
    expect(engine).toBeDefined();
  });
});
