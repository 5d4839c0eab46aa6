import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useHookWorld } from '../../../test/support/hook-world';
import { twilioSignature } from '../connectors/catalogue/webhooks';

const world = useHookWorld();
const SID = `AC${'1'.repeat(32)}`;
const TOKEN = 'twilio-auth-token-for-hooks';

async function withConnection(kind: string, credentials: Record<string, unknown>) {
  const w = await world();
  const saved = await w.call<{ connection: { id: string } }>('connections:create', {
    kind,
    name: `${kind} account`,
    credentials,
  });
  return { ...w, connectionId: saved.connection.id };
}

describe('catalogue webhooks on the loopback server', () => {
  it('Twilio: a message signed over the public URL queues a run; a forged one is refused', async () => {
    const w = await withConnection('twilio', { accountSid: SID, authToken: TOKEN });
    // Twilio signs the URL it was given: the public one, behind the operator's tunnel.
    await w.call('settings:set', { publicBaseUrl: 'https://tunnel.example.com/sy' });
    const flow = await w.workflow({
      connector: 'twilio',
      operation: 'sms_received',
      connection: w.connectionId,
      config: {},
    } as never);
    const params = { MessageSid: 'SM123', From: '+14155552671', To: '+14155550100', Body: 'STOP' };
    const signedUrl = `https://tunnel.example.com/sy${flow.path}`;
    const post = (signature: string) =>
      fetch(flow.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
        },
        body: new URLSearchParams(params).toString(),
      });
    const forged = await post(twilioSignature(signedUrl, { ...params, Body: 'HELLO' }, TOKEN));
    expect(forged.status).toBe(401);
    expect(w.runsOf(flow.id)).toHaveLength(0);
    const ok = await post(twilioSignature(signedUrl, params, TOKEN));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<Response></Response>');
    const runs = w.runsOf(flow.id);
    expect(runs.map((r) => r.itemId)).toEqual(['SM123']);
    expect(JSON.parse(runs[0]!.data)).toMatchObject({ From: '+14155552671', Body: 'STOP' });
    // Twilio retries a delivery it thinks failed: the same MessageSid is not a second run.
    await post(twilioSignature(signedUrl, params, TOKEN));
    expect(w.runsOf(flow.id)).toHaveLength(1);
  });

  it('WhatsApp: answers the verify-token handshake, checks X-Hub-Signature-256, one run per message', async () => {
    const w = await withConnection('whatsapp', {
      accessToken: 'EAAG-token',
      phoneNumberId: '106540352242922',
      verifyToken: 'my-verify-token',
      appSecret: 'meta-app-secret',
    });
    const flow = await w.workflow({
      connector: 'whatsapp',
      operation: 'message_received',
      connection: w.connectionId,
      config: {},
    } as never);
    const handshake = (token: string) =>
      fetch(`${flow.url}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
    expect((await handshake('wrong')).status).toBe(403);
    const good = await handshake('my-verify-token');
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('1158201444');

    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { phone_number_id: '106540352242922' },
                messages: [
                  {
                    from: '14155552671',
                    id: 'wamid.A',
                    timestamp: '1700000000',
                    type: 'text',
                    text: { body: 'Hi' },
                  },
                  {
                    from: '14155552672',
                    id: 'wamid.B',
                    timestamp: '1700000001',
                    type: 'text',
                    text: { body: 'Yo' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const sign = (secret: string) =>
      `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const post = (signature: string) =>
      fetch(flow.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body,
      });
    expect((await post(sign('not-the-secret'))).status).toBe(401);
    expect((await post(sign('meta-app-secret'))).status).toBe(200);
    expect(w.runsOf(flow.id).map((r) => r.itemId)).toEqual(['wamid.A', 'wamid.B']);
  });
});
