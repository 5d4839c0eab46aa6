import type { HttpRequestConfig } from '@shared/connectors/http';
import type { ActionContext, ConnectorImpl, PollingTriggerImpl } from '../types';
import { fetchAllPages } from './pages';
import { httpPollTrigger } from './poll';
import { buildRequest, sendOnce } from './request';

/** One request, or every page of a list; the answer as the step's output. */
export async function runHttpRequest(ctx: ActionContext, config: HttpRequestConfig) {
  const req = buildRequest(ctx, config);
  if (config.pagination !== 'none') return fetchAllPages(ctx, config, req);
  const res = await sendOnce(ctx, config, req);
  return { status: res.status, headers: res.headers, body: res.body, url: res.url };
}

/** Any API over the one HTTP layer, authenticated as the step's connection (or not at all). */
export const httpImpl: ConnectorImpl = {
  id: 'http',
  triggers: { poll: httpPollTrigger as PollingTriggerImpl },
  actions: { request: { run: runHttpRequest } },
};
