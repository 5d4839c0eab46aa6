import { describe, expect } from 'vitest';
import { standardContract } from './contract';
import { startVonageStub } from './vonage';

describe('Vonage (contract, against the stub)', () => {
  standardContract({
    service: 'vonage',
    start: startVonageStub,
    action: 'sms_send',
    valid: { to: '+44 7700 900123', from: 'Shop', text: 'Hi' },
    sent: (stub, output) => {
      // The Messages API wants E.164 digits without the +.
      expect(stub.received.at(-1)!.json).toMatchObject({
        message_type: 'text',
        channel: 'sms',
        to: '447700900123',
        from: 'Shop',
        text: 'Hi',
        client_ref: 'wf:item:step',
      });
      expect(output).toHaveProperty('message_uuid');
    },
    refused: {
      config: { to: '+447700900123', from: 'Shop', text: 'x'.repeat(1001) },
      message: /^Vonage: text must be at most 1000 characters \(422\)$/,
    },
  });
});
