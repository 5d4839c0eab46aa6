import { defineService } from '../format';
import { AWS_AUTH_CODES, AWS_CREDENTIALS, AWS_THROTTLE_CODES } from './aws';

/** AWS Cost Explorer GetCostAndUsage: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html */
export const awsCostExplorer = defineService({
  id: 'aws_cost_explorer',
  name: 'AWS Cost Explorer',
  category: 'cloud',
  icon: 'aws',
  description: 'A daily cost figure for your AWS account, as each day closes.',
  docsUrl:
    'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html',
  auth: { type: 'aws_sigv4', service: 'ce' },
  credentials: AWS_CREDENTIALS,
  accountField: 'accessKeyId',
  // Cost Explorer answers only in us-east-1.
  regions: [
    {
      value: 'us-east-1',
      label: 'us-east-1 (the only Cost Explorer endpoint)',
      values: { name: 'us-east-1' },
    },
  ],
  baseUrl: 'https://ce.us-east-1.amazonaws.com',
  // Each request costs $0.01; a few a day is plenty.
  limits: { perMinute: 5 },
  errors: [
    { match: { path: '__type', in: AWS_AUTH_CODES }, code: 'auth_expired', messagePath: 'message' },
    {
      match: { path: '__type', in: AWS_THROTTLE_CODES.concat('LimitExceededException') },
      code: 'rate_limited',
      messagePath: 'message',
    },
    { status: [403], code: 'auth_expired', messagePath: 'message' },
    { status: [400], code: 'invalid_input', messagePath: 'message' },
  ],
  test: {
    request: {
      method: 'POST',
      path: '/',
      headers: {
        'x-amz-target': 'AWSInsightsIndexService.GetCostCategories',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: { type: 'json', value: { TimePeriod: { Start: '2026-01-01', End: '2026-01-02' } } },
    },
  },
  triggers: [
    {
      kind: 'polling',
      id: 'daily_cost',
      name: 'Daily cost',
      description:
        'Fires once per closed UTC day with that day’s cost (the first check records the days so far).',
      input: {
        metric: {
          label: 'Metric',
          type: 'select',
          default: 'UnblendedCost',
          options: [
            { value: 'UnblendedCost', label: 'Unblended cost' },
            { value: 'AmortizedCost', label: 'Amortized cost' },
            { value: 'NetUnblendedCost', label: 'Net unblended cost' },
          ],
        },
        days: { label: 'Days looked back', type: 'number', default: 14, advanced: true },
      },
      fn: 'awsDailyCosts',
      itemsPath: '',
      idPath: 'day',
      cursor: { path: 'day', order: 'asc' },
      summary: '{{day}}: {{amount}} {{unit}}',
      sample: {
        day: '2026-01-31',
        metric: 'UnblendedCost',
        amount: 12.34,
        unit: 'USD',
        estimated: true,
      },
    },
  ],
});
