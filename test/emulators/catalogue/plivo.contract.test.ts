import { describe, expect } from 'vitest';
import { standardContract } from './contract';
import { startPlivoStub } from './plivo';

describe('Plivo (contract, against the stub)', () => {
  standardContract({
    service: 'plivo',
    start: startPlivoStub,
    action: 'sms_send',
    valid: { to: '415 555 2671', from: '+1 415 555 0100', text: 'Hi' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.json).toEqual({
        src: '+14155550100',
        dst: '+14155552671',
        text: 'Hi',
      });
      expect(output).toMatchObject({ message: 'message(s) queued' });
    },
    refused: {
      config: { to: '+14155552671', from: '+14155550199', text: 'Hi' },
      message: /src parameter not a valid Plivo number/,
    },
    account: /Stub Plivo/,
  });
});
