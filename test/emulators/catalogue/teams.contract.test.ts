import { describe, expect } from 'vitest';
import { standardContract } from './contract';
import { startTeamsStub } from './teams';

describe('Microsoft Teams incoming webhook (contract, against the stub)', () => {
  standardContract({
    service: 'teams',
    start: startTeamsStub,
    action: 'message_post',
    valid: { title: 'Deploy', text: 'v2.3 is live' },
    sent: (stub) => {
      expect(stub.received.at(-1)!.json).toMatchObject({
        '@type': 'MessageCard',
        title: 'Deploy',
        text: 'v2.3 is live',
        summary: 'v2.3 is live',
      });
    },
    refused: { config: { text: '' }, message: /Text is required/ },
  });
});
