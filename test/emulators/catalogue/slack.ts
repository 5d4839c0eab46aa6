import type { AnyBlock, KnownBlock } from '@slack/types';
import type { ServiceStub } from './contract';
import { startStub } from './server';

/**
 * Slack incoming webhooks (https://api.slack.com/messaging/webhooks#handling_errors): 200 `ok`,
 * errors as plain-text codes — 400 invalid_payload/no_text, 403 invalid_token, 404 no_service,
 * 410 channel_is_archived, 429 with Retry-After. Blocks typed with @slack/types.
 */

/** The layout blocks a message may carry (https://docs.slack.dev/reference/block-kit/blocks). */
const MESSAGE_BLOCKS: readonly KnownBlock['type'][] = [
  'section',
  'divider',
  'header',
  'context',
  'actions',
  'image',
  'rich_text',
  'video',
  'file',
];
export async function startSlackStub(): Promise<ServiceStub & { posted: unknown[] }> {
  const posted: unknown[] = [];
  const path = '/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX';
  const stub = await startStub([
    {
      method: 'POST',
      path: /^\/services\/.+$/,
      handle: (req) => {
        if (req.path !== path) return { status: 403, body: 'invalid_token' };
        if (req.json === undefined) return { status: 400, body: 'invalid_payload' };
        const body = req.json as { text?: string; blocks?: AnyBlock[] };
        if (!body.text && !body.blocks) return { status: 400, body: 'no_text' };
        if (
          body.blocks?.some(
            (b) =>
              typeof b !== 'object' ||
              b === null ||
              !(MESSAGE_BLOCKS as readonly string[]).includes(b.type),
          )
        )
          return { status: 400, body: 'invalid_blocks' };
        posted.push(body);
        return { status: 200, body: 'ok' };
      },
    },
  ]);
  return {
    ...stub,
    posted,
    credentials: { webhookUrl: `${stub.url}${path}` },
    wrongCredentials: { webhookUrl: `${stub.url}/services/T000/B000/revoked` },
    tooManyRequests: { status: 429, body: 'rate_limited' },
  };
}
