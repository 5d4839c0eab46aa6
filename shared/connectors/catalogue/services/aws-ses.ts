import { defineService } from '../format';
import { AWS_AUTH_CODES, AWS_CREDENTIALS, AWS_REGIONS, AWS_THROTTLE_CODES } from './aws';

/** Amazon SES v2 SendEmail: https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html */
export const awsSes = defineService({
  id: 'aws_ses',
  name: 'Amazon SES',
  category: 'email',
  icon: 'aws',
  description: 'Send e-mail through Amazon SES.',
  docsUrl: 'https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html',
  auth: { type: 'aws_sigv4', service: 'ses' },
  credentials: AWS_CREDENTIALS,
  accountField: 'accessKeyId',
  regions: AWS_REGIONS,
  baseUrl: 'https://email.{{region.name}}.amazonaws.com',
  // SES v2 names the error in the x-amzn-ErrorType header and, for most, in the body's __type.
  errors: [
    { match: { path: '__type', in: AWS_AUTH_CODES }, code: 'auth_expired', messagePath: 'message' },
    { status: [403], code: 'auth_expired', messagePath: 'message' },
    {
      match: { path: '__type', in: AWS_THROTTLE_CODES },
      code: 'rate_limited',
      messagePath: 'message',
    },
    { status: [429], code: 'rate_limited', messagePath: 'message' },
    { status: [400], code: 'invalid_input', messagePath: 'message' },
  ],
  test: {
    request: { method: 'GET', path: '/v2/email/account' },
    accountPath: 'SendQuota.Max24HourSend',
  },
  actions: [
    {
      id: 'mail_send',
      name: 'Send an e-mail',
      description: 'Sends one e-mail from a verified identity.',
      input: {
        to: { label: 'To', type: 'email', required: true },
        from: {
          label: 'From',
          type: 'email',
          required: true,
          help: 'A verified identity (address or domain) in this region.',
        },
        subject: { label: 'Subject', required: true },
        text: { label: 'Text', type: 'textarea', required: true },
        html: { label: 'HTML', type: 'textarea', advanced: true },
      },
      request: {
        method: 'POST',
        path: '/v2/email/outbound-emails',
        body: {
          type: 'json',
          value: {
            FromEmailAddress: '{{input.from}}',
            Destination: { ToAddresses: ['{{input.to}}'] },
            Content: {
              Simple: {
                Subject: { Data: '{{input.subject}}' },
                Body: { Text: { Data: '{{input.text}}' }, Html: { Data: '{{input.html}}' } },
              },
            },
          },
        },
      },
      sample: { MessageId: '…' },
    },
  ],
});
