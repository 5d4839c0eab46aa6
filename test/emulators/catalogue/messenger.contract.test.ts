import { describe, expect } from 'vitest';
import { standardContract } from './contract';
import { startMessengerStub } from './messenger';

describe('Messenger (contract, against the stub)', () => {
  standardContract({
    service: 'messenger',
    start: startMessengerStub,
    action: 'message_send',
    valid: { recipientId: '1254477777772919', text: 'Thanks!' },
    sent: (stub, output) => {
      const last = stub.received.at(-1)!;
      expect(last.query.get('access_token')).toBe('EAAG-page-token');
      expect(last.json).toEqual({
        recipient: { id: '1254477777772919' },
        messaging_type: 'RESPONSE',
        message: { text: 'Thanks!' },
      });
      expect(output).toEqual({ recipient_id: '1254477777772919', message_id: 'm_1' });
    },
    refused: { config: { recipientId: '42', text: 'x' }, message: /No matching user found/ },
    account: /Stub Page/,
  });
});
