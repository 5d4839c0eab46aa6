import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CatalogueWebhook } from '../connectors/catalogue/webhooks';
import {
  metaChallenge,
  verifyMeta,
  verifyTwilio,
  webhookItems,
} from '../connectors/catalogue/webhooks';
import type { Verdict } from '../connectors/webhook/verify';
import type { Clock, Logger } from '../types';
import type { Intake } from './intake';
import { parseBody, readBody } from './read-body';
import { refuse } from './refuse';

export interface CatalogueHookDeps {
  intake: Intake;
  clock: Clock;
  logger: Logger;
  /** The trigger connection's credentials (opened in main; secrets go to the redactor). */
  credentialsOf(connectionId: string): Readonly<Record<string, unknown>> | undefined;
  /** The URL the sender addressed: the public one when a public base URL is set. */
  signedUrl(url: URL, req: IncomingMessage): string;
  refuse(workflowId: string, reason: string, req: IncomingMessage): void;
}

const MAX_BODY = 1024 * 1024;

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'application/json; charset=utf-8',
) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * A catalogue service's webhook at /hooks/<id>: the service's own verification (Twilio's request
 * signature over the public URL, Meta's verify-token handshake and X-Hub-Signature-256) with the
 * trigger connection's secrets, then one queued run per event in the delivery.
 */
export async function handleCatalogueHook(
  deps: CatalogueHookDeps,
  hook: CatalogueWebhook,
  workflowId: string,
  connectionId: string | null,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const credentials = connectionId ? deps.credentialsOf(connectionId) : undefined;
  if (!credentials)
    return refuse(res, 409, 'The trigger has no connection to verify this webhook with.');
  const secret = (name: string) =>
    typeof credentials[name] === 'string' ? (credentials[name] as string) : '';
  const v = hook.spec.verification;

  if (req.method === 'GET' && v.type === 'meta') {
    const challenge = metaChallenge(url.searchParams, secret(v.verifyTokenCredential));
    if (challenge === null || secret(v.verifyTokenCredential) === '') {
      deps.refuse(workflowId, 'hub.verify_token does not match the connection’s verify token', req);
      return refuse(res, 403, 'The verify token does not match.');
    }
    return send(res, 200, challenge, 'text/plain; charset=utf-8');
  }
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return refuse(res, 405, 'Send this webhook with POST.');
  }
  const raw = await readBody(req, MAX_BODY);
  if (raw === null) return refuse(res, 413, 'The body is too large.');
  const parsed = parseBody(req.headers['content-type'], raw);
  if (!parsed.ok) return refuse(res, parsed.status, parsed.message);

  let verdict: Verdict;
  if (v.type === 'twilio') {
    const params =
      parsed.body && typeof parsed.body === 'object' && !Array.isArray(parsed.body)
        ? (parsed.body as Record<string, string>)
        : {};
    const key = secret(v.secretCredential);
    verdict = key
      ? verifyTwilio(deps.signedUrl(url, req), params, key, header(req, 'x-twilio-signature'))
      : { ok: false, reason: 'the connection has no auth token' };
  } else {
    const key = secret(v.appSecretCredential);
    verdict = key
      ? verifyMeta(raw, key, header(req, 'x-hub-signature-256'))
      : { ok: false, reason: 'the connection has no app secret' };
  }
  if (!verdict.ok) {
    deps.refuse(workflowId, verdict.reason, req);
    deps.logger.warn('webhook refused', { workflowId, reason: verdict.reason });
    return refuse(res, 401, 'The request could not be verified.');
  }
  const receivedAt = deps.clock.now().toISOString();
  const items = webhookItems(hook.spec, parsed.body, receivedAt);
  for (const item of items) await deps.intake.submit(workflowId, item);
  // Twilio reads the answer as TwiML: an empty Response sends no reply message.
  if (v.type === 'twilio')
    return send(
      res,
      200,
      '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
      'text/xml',
    );
  return send(res, 200, JSON.stringify({ accepted: items.length }));
}
