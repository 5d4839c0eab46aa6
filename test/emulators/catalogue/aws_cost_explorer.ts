import type {
  GetCostAndUsageRequest,
  GetCostAndUsageResponse,
  GetCostCategoriesResponse,
} from '@aws-sdk/client-cost-explorer';
import { AWS_KEYS, checkSigV4 } from './aws-signature';
import type { ServiceStub } from './contract';
import { startStub, type StubReply } from './server';

/**
 * Cost Explorer (JSON 1.1, X-Amz-Target; https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html):
 * `{ ResultsByTime: [{ TimePeriod, Total: { <Metric>: { Amount, Unit } }, Estimated }] }` for
 * the days in [Start, End); errors `{ __type, message }`. Request and answers typed with
 * @aws-sdk/client-cost-explorer's GetCostAndUsage / GetCostCategories shapes.
 */
const awsError = (status: number, type: string, message: string): StubReply => ({
  status,
  body: { __type: type, message },
});

export async function startCostExplorerStub(): Promise<
  ServiceStub & { costs: Map<string, number> }
> {
  const costs = new Map<string, number>();
  let url = '';
  const stub = await startStub([
    {
      method: 'POST',
      path: /^\/$/,
      handle: (req) => {
        const failure = checkSigV4(req, url, 'ce');
        if (failure)
          return awsError(
            403,
            'UnrecognizedClientException',
            'The security token included in the request is invalid.',
          );
        if (req.headers['content-type'] !== 'application/x-amz-json-1.1')
          return awsError(400, 'SerializationException', 'Bad content type');
        const target = req.headers['x-amz-target'];
        const b = req.json as GetCostAndUsageRequest;
        if (target === 'AWSInsightsIndexService.GetCostCategories')
          return {
            status: 200,
            body: {
              CostCategoryNames: [],
              ReturnSize: 0,
              TotalSize: 0,
            } satisfies GetCostCategoriesResponse,
          };
        if (target !== 'AWSInsightsIndexService.GetCostAndUsage')
          return awsError(400, 'UnknownOperationException', 'Unknown operation');
        const metric = b.Metrics?.[0] ?? '';
        if (!['UnblendedCost', 'AmortizedCost', 'NetUnblendedCost', 'BlendedCost'].includes(metric))
          return awsError(400, 'ValidationException', `Metrics ${metric} is not supported`);
        if (b.Granularity !== 'DAILY')
          return awsError(400, 'ValidationException', 'Granularity must be DAILY here');
        const { Start = '', End = '' } = b.TimePeriod ?? {};
        const days = [...costs.keys()].filter((d) => d >= Start && d < End).sort();
        return {
          status: 200,
          body: {
            GroupDefinitions: [],
            ResultsByTime: days.map((d) => ({
              TimePeriod: { Start: d, End: d },
              Total: { [metric]: { Amount: costs.get(d)!.toFixed(10), Unit: 'USD' } },
              Groups: [],
              Estimated: true,
            })),
            DimensionValueAttributes: [],
          } satisfies GetCostAndUsageResponse,
        };
      },
    },
  ]);
  url = stub.url;
  const base = { region: 'us-east-1', baseUrl: stub.url, accessKeyId: AWS_KEYS.accessKeyId };
  return {
    ...stub,
    costs,
    credentials: { ...base, secretAccessKey: AWS_KEYS.secretAccessKey },
    wrongCredentials: { ...base, secretAccessKey: 'not-the-secret' },
    tooManyRequests: awsError(400, 'LimitExceededException', 'You have exceeded the rate limit.'),
  };
}
