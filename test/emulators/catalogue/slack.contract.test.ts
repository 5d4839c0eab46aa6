import { describe, expect } from 'vitest';
import { standardContract } from './contract';
import { startSlackStub } from './slack';

describe('Slack incoming webhook (contract, against the stub)', () => {
  standardContract({
    service: 'slack',
    start: startSlackStub,
    action: 'message_post',
    valid: { text: 'Order *1042* shipped' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.json).toEqual({ text: 'Order *1042* shipped' });
      expect(output).toMatchObject({ accepted: true, status: 200 });
    },
    refused: {
      config: { text: 'x', blocks: [{ type: 'nonsense' }] },
      message: /^Slack: invalid_blocks \(400\)$/,
    },
  });
});
