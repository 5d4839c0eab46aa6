import { describe, expect } from 'vitest';
import { startSesStub } from './aws_ses';
import { standardContract } from './contract';

describe('Amazon SES v2 (contract, against the stub, SigV4 checked)', () => {
  standardContract({
    service: 'aws_ses',
    start: startSesStub,
    action: 'mail_send',
    valid: {
      to: 'ada@example.com',
      from: 'shop@verified.example',
      subject: 'Receipt',
      text: 'Thanks',
    },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.json).toEqual({
        FromEmailAddress: 'shop@verified.example',
        Destination: { ToAddresses: ['ada@example.com'] },
        Content: { Simple: { Subject: { Data: 'Receipt' }, Body: { Text: { Data: 'Thanks' } } } },
      });
      expect(output).toEqual({ MessageId: '0102018c-1' });
    },
    refused: {
      config: { to: 'ada@example.com', from: 'me@unverified.example', subject: 'x', text: 'y' },
      message: /Email address is not verified/,
    },
    account: /50000/,
  });
});
