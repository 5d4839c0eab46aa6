import { describe, expect } from 'vitest';
import { startSnsStub } from './aws_sns';
import { standardContract } from './contract';

describe('Amazon SNS SMS (contract, against the stub, SigV4 checked)', () => {
  standardContract({
    service: 'aws_sns',
    start: startSnsStub,
    action: 'sms_send',
    valid: { to: '07700 900123', message: 'Code 1234', defaultCountry: 'GB' },
    sent: (stub, output) => {
      expect(stub.received.at(-1)!.form).toMatchObject({
        Action: 'Publish',
        PhoneNumber: '+447700900123',
        Message: 'Code 1234',
        'MessageAttributes.entry.1.Value.StringValue': 'Transactional',
      });
      expect(output).toEqual({ MessageId: 'msg-1', SequenceNumber: null });
    },
    refused: {
      config: { to: '+447700900123', message: 'x'.repeat(1601) },
      message: /^Amazon SNS \(SMS\): Invalid parameter: Message too long \(400\)$/,
    },
  });
});
