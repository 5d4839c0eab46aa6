import { AWS_KEYS, checkSigV4 } from './aws-signature';
import type { ServiceStub } from './contract';
import { startStub, type StubReply } from './server';

/**
 * Amazon SNS query API with `Accept: application/json` (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html,
 * https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html): `{ PublishResponse: { PublishResult: { MessageId } } }`;
 * errors `{ Error: { Type, Code, Message }, RequestId }` — throttling is 400 Throttling.
 */
const awsError = (status: number, code: string, message: string): StubReply => ({
  status,
  body: {
    Error: { Type: 'Sender', Code: code, Message: message },
    RequestId: 'f1b0c7a9-0000-0000-0000-000000000000',
  },
});

export async function startSnsStub(): Promise<
  ServiceStub & { published: Record<string, string>[] }
> {
  const published: Record<string, string>[] = [];
  let url = '';
  const stub = await startStub([
    {
      method: 'POST',
      path: /^\/$/,
      handle: (req) => {
        const failure = checkSigV4(req, url, 'sns');
        if (failure)
          return awsError(
            403,
            failure,
            'The request signature we calculated does not match the signature you provided.',
          );
        const f = req.form ?? {};
        if (f.Action === 'GetSMSAttributes')
          return {
            status: 200,
            body: {
              GetSMSAttributesResponse: {
                GetSMSAttributesResult: { attributes: { DefaultSMSType: 'Transactional' } },
              },
            },
          };
        if (f.Action !== 'Publish')
          return awsError(400, 'InvalidAction', `Could not find operation ${f.Action}`);
        if (!/^\+[1-9]\d{6,14}$/.test(f.PhoneNumber ?? ''))
          return awsError(
            400,
            'InvalidParameter',
            'Invalid parameter: PhoneNumber Reason: +1234 is not valid to publish to',
          );
        if ((f.Message ?? '').length > 1600)
          return awsError(400, 'InvalidParameter', 'Invalid parameter: Message too long');
        published.push(f);
        return {
          status: 200,
          body: {
            PublishResponse: {
              PublishResult: { MessageId: `msg-${published.length}`, SequenceNumber: null },
              ResponseMetadata: { RequestId: 'req-1' },
            },
          },
        };
      },
    },
  ]);
  url = stub.url;
  const base = { region: 'eu-west-1', baseUrl: stub.url, accessKeyId: AWS_KEYS.accessKeyId };
  return {
    ...stub,
    published,
    credentials: { ...base, secretAccessKey: AWS_KEYS.secretAccessKey },
    wrongCredentials: { ...base, secretAccessKey: 'not-the-secret' },
    tooManyRequests: awsError(400, 'Throttling', 'Rate exceeded'),
  };
}
