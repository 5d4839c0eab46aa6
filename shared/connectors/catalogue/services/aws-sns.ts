import { defineService } from '../format';
import { AWS_CREDENTIALS, AWS_REGIONS, awsQueryErrors } from './aws';

/** Amazon SNS Publish to a phone number: https://docs.aws.amazon.com/sns/latest/api/API_Publish.html */
export const awsSns = defineService({
  id: 'aws_sns',
  name: 'Amazon SNS (SMS)',
  category: 'messaging',
  icon: 'aws',
  description: 'Send SMS through Amazon SNS.',
  docsUrl: 'https://docs.aws.amazon.com/sns/latest/api/API_Publish.html',
  auth: { type: 'aws_sigv4', service: 'sns' },
  credentials: AWS_CREDENTIALS,
  accountField: 'accessKeyId',
  regions: AWS_REGIONS,
  baseUrl: 'https://sns.{{region.name}}.amazonaws.com',
  errors: awsQueryErrors,
  // The query API answers JSON when asked: { "<Action>Response": { "<Action>Result": … } }.
  test: {
    request: {
      method: 'POST',
      path: '/',
      headers: { accept: 'application/json' },
      body: { type: 'form', value: { Action: 'GetSMSAttributes', Version: '2010-03-31' } },
    },
  },
  actions: [
    {
      id: 'sms_send',
      name: 'Send an SMS',
      description: 'Publishes a text message straight to a phone number.',
      input: {
        to: { label: 'To', type: 'phone', required: true },
        message: { label: 'Message', type: 'textarea', required: true },
        smsType: {
          label: 'Type',
          type: 'select',
          default: 'Transactional',
          options: [
            { value: 'Transactional', label: 'Transactional (highest reliability)' },
            { value: 'Promotional', label: 'Promotional (lowest cost)' },
          ],
          advanced: true,
        },
      },
      request: {
        method: 'POST',
        path: '/',
        headers: { accept: 'application/json' },
        body: {
          type: 'form',
          value: {
            Action: 'Publish',
            Version: '2010-03-31',
            PhoneNumber: '{{input.to}}',
            Message: '{{input.message}}',
            'MessageAttributes.entry.1.Name': 'AWS.SNS.SMS.SMSType',
            'MessageAttributes.entry.1.Value.DataType': 'String',
            'MessageAttributes.entry.1.Value.StringValue': '{{input.smsType}}',
          },
        },
      },
      outputPath: 'PublishResponse.PublishResult',
      sample: { MessageId: '…' },
    },
  ],
});
