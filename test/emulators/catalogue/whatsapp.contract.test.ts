import { describe, expect, it } from 'vitest';
import { standardContract } from './contract';
import { failureOf } from './harness';
import { startWhatsAppStub } from './whatsapp';

describe('WhatsApp Cloud API (contract, against the stub)', () => {
  const suite = standardContract({
    service: 'whatsapp',
    start: startWhatsAppStub,
    action: 'message_send_text',
    valid: { to: '+1 (415) 555-2671', text: 'Your table is ready' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)).toMatchObject({
        path: '/106540352242922/messages',
        json: {
          messaging_product: 'whatsapp',
          to: '14155552671',
          type: 'text',
          text: { body: 'Your table is ready' },
        },
      });
      expect(output).toEqual({ id: 'wamid.1' });
    },
    refused: {
      config: { to: '+14155552671', text: 'x'.repeat(4097) },
      message:
        /^WhatsApp Business: \(#100\) Param text\['body'\] must be at most 4096 characters long\. \(400\)$/,
    },
    account: /555-010-0000/,
  });

  it('sends an approved template; an unknown one is refused by name', async () => {
    expect(
      await suite
        .good()
        .run('message_send_template', { to: '+14155552671', template: 'order_update' }),
    ).toEqual({ id: 'wamid.1' });
    expect(suite.stub().received.at(-1)!.json).toMatchObject({
      template: { name: 'order_update', language: { code: 'en_US' } },
    });
    const error = await failureOf(
      suite.good().run('message_send_template', { to: '+14155552671', template: 'nope' }),
    );
    expect(error.message).toContain('Template name does not exist');
  });
});
