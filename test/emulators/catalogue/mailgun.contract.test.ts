import { describe, expect, it } from 'vitest';
import { serviceConnection } from '../../../electron/engine/connectors/catalogue/runtime';
import { catalogueService } from '@shared/connectors/catalogue';
import { standardContract } from './contract';
import { startMailgunStub } from './mailgun';

describe('Mailgun (contract, against the stub)', () => {
  standardContract({
    service: 'mailgun',
    start: startMailgunStub,
    action: 'mail_send',
    valid: {
      to: 'ada@example.com',
      from: 'Shop <shop@mg.example.com>',
      subject: 'Hi',
      text: 'Hello',
    },
    sent: (stub, output) => {
      expect(stub.received.at(-1)).toMatchObject({
        path: '/v3/mg.example.com/messages',
        form: { to: 'ada@example.com', subject: 'Hi', text: 'Hello' },
      });
      expect(output).toEqual({ id: '<1@mg.example.com>', message: 'Queued. Thank you.' });
    },
    refused: {
      config: { to: 'nobody', from: 'shop@mg.example.com', subject: 'Hi', text: 'x' },
      message: /'to' parameter is not a valid address/,
    },
    account: /mg\.example\.com/,
  });

  it('uses the EU host for EU accounts', () => {
    const service = catalogueService('mailgun')!;
    expect(serviceConnection(service, { region: 'eu' }).baseUrl).toBe('https://api.eu.mailgun.net');
    expect(serviceConnection(service, { region: 'us' }).baseUrl).toBe('https://api.mailgun.net');
  });
});
