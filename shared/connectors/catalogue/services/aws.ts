import type { CredentialSpec, ErrorRule } from '../format';

/** Regions where SES, SNS SMS and Cost Explorer all answer; the endpoint host is built from it. */
export const AWS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
].map((r) => ({ value: r, label: r, values: { name: r } }));

export const AWS_CREDENTIALS: Record<
  string,
  Partial<CredentialSpec> & { label: string; help: string }
> = {
  accessKeyId: {
    label: 'Access key ID',
    help: 'IAM → Users → your user → Security credentials → Create access key (starts with AKIA). Give the user only the policy this service needs.',
    pattern: {
      regex: '^(AKIA|ASIA)[A-Z0-9]{12,}$',
      message: 'must start with AKIA (or ASIA for temporary keys)',
    },
  },
  secretAccessKey: {
    label: 'Secret access key',
    help: 'Shown once, next to the access key ID when you create it.',
    secret: true,
  },
  sessionToken: {
    label: 'Session token',
    help: 'Only for temporary credentials (ASIA…) from STS; leave empty otherwise.',
    secret: true,
    optional: true,
  },
};

/** AWS error codes: https://docs.aws.amazon.com/general/latest/gr/api-retries.html */
export const AWS_AUTH_CODES = [
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'ExpiredToken',
  'AuthFailure',
  'IncompleteSignature',
  'InvalidSignatureException',
];
export const AWS_THROTTLE_CODES = [
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'Throttled',
  'RequestLimitExceeded',
];

export const awsQueryErrors: ErrorRule[] = [
  {
    match: { path: 'Error.Code', in: AWS_AUTH_CODES },
    code: 'auth_expired',
    messagePath: 'Error.Message',
  },
  {
    match: { path: 'Error.Code', in: AWS_THROTTLE_CODES },
    code: 'rate_limited',
    messagePath: 'Error.Message',
  },
  {
    match: {
      path: 'Error.Code',
      in: ['AccessDenied', 'AuthorizationError', 'AccessDeniedException'],
    },
    code: 'forbidden',
    messagePath: 'Error.Message',
  },
  { status: [400], code: 'invalid_input', messagePath: 'Error.Message' },
];
