import type { ServiceStub } from './contract';
import { startStub } from './server';

/**
 * Teams incoming webhooks: 200 with the text `1`; a card without text or summary is refused
 * with 400 and a sentence; a removed webhook answers 404 / 403; throttled posts 429.
 */
export async function startTeamsStub(): Promise<ServiceStub & { posted: unknown[] }> {
  const posted: unknown[] = [];
  const path = '/webhookb2/aaaa@bbbb/IncomingWebhook/cccc/dddd';
  const stub = await startStub([
    {
      method: 'POST',
      path: /^\/webhookb2\/.+$/,
      handle: (req) => {
        if (req.path !== path) return { status: 404, body: 'Webhook not found.' };
        const body = (req.json ?? {}) as { text?: string; summary?: string };
        if (!body.text && !body.summary)
          return { status: 400, body: 'Summary or Text is required.' };
        posted.push(body);
        return { status: 200, body: '1' };
      },
    },
  ]);
  return {
    ...stub,
    posted,
    credentials: { webhookUrl: `${stub.url}${path}` },
    wrongCredentials: { webhookUrl: `${stub.url}/webhookb2/removed` },
    tooManyRequests: { status: 429, body: 'Microsoft Teams endpoint returned HTTP error 429.' },
  };
}
