import { describe, expect } from 'vitest';
import { standardContract } from './contract';
import { startSendGridStub } from './sendgrid';

describe('SendGrid (contract, against the stub)', () => {
  standardContract({
    service: 'sendgrid',
    start: startSendGridStub,
    action: 'mail_send',
    valid: {
      to: 'ada@example.com',
      from: 'shop@verified.example',
      subject: 'Your order',
      text: 'It shipped.',
    },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.json).toEqual({
        personalizations: [{ to: [{ email: 'ada@example.com' }] }],
        from: { email: 'shop@verified.example' },
        subject: 'Your order',
        content: [{ type: 'text/plain', value: 'It shipped.' }],
      });
      expect(output).toEqual({ accepted: true, status: 202, id: 'msg-1' });
    },
    refused: {
      config: {
        to: 'ada@example.com',
        from: 'shop@verified.example',
        subject: 'x',
        text: 'y',
        html: ' ',
      },
      message:
        /^SendGrid: The content value must be a string at least one character in length\. \(400\)$/,
    },
  });
});
