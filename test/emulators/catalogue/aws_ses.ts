import { AWS_KEYS, checkSigV4 } from './aws-signature';
import type { ServiceStub } from './contract';
import { startStub, type StubReply } from './server';

/**
 * Amazon SES v2 (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html,
 * CommonErrors): JSON `{ MessageId }`; errors `{ message }` with the type in x-amzn-ErrorType.
 */
const sesError = (status: number, type: string, message: string): StubReply => ({
  status,
  headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.sesv2/` },
  body: { message },
});

export async function startSesStub(): Promise<ServiceStub & { sent: unknown[] }> {
  const sent: unknown[] = [];
  let url = '';
  const stub = await startStub([
    {
      method: 'GET',
      path: /^\/v2\/email\/account$/,
      handle: (req) =>
        checkSigV4(req, url, 'ses')
          ? sesError(
              403,
              'UnrecognizedClientException',
              'The security token included in the request is invalid.',
            )
          : {
              status: 200,
              body: {
                SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
                SendingEnabled: true,
                ProductionAccessEnabled: true,
              },
            },
    },
    {
      method: 'POST',
      path: /^\/v2\/email\/outbound-emails$/,
      handle: (req) => {
        if (checkSigV4(req, url, 'ses'))
          return sesError(
            403,
            'UnrecognizedClientException',
            'The security token included in the request is invalid.',
          );
        const b = req.json as { FromEmailAddress?: string };
        if (!b.FromEmailAddress?.endsWith('@verified.example'))
          return sesError(
            400,
            'MessageRejected',
            `Email address is not verified. The following identities failed the check in region EU-WEST-1: ${b.FromEmailAddress}`,
          );
        sent.push(b);
        return { status: 200, body: { MessageId: `0102018c-${sent.length}` } };
      },
    },
  ]);
  url = stub.url;
  const base = { region: 'eu-west-1', baseUrl: stub.url, accessKeyId: AWS_KEYS.accessKeyId };
  return {
    ...stub,
    sent,
    credentials: { ...base, secretAccessKey: AWS_KEYS.secretAccessKey },
    wrongCredentials: { ...base, secretAccessKey: 'not-the-secret' },
    tooManyRequests: sesError(429, 'TooManyRequestsException', 'Maximum sending rate exceeded.'),
  };
}
