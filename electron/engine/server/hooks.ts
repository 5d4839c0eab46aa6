import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebhookReceiveConfig } from '@shared/connectors/webhook-in';
import type { Settings } from '@shared/settings';
import type { Db } from '../db/open';
import type { AuditRepo } from '../db/repos/audit';
import type { WorkflowsRepo } from '../db/repos/workflows';
import { catalogueWebhookOf, type CatalogueWebhook } from '../connectors/catalogue/webhooks';
import { verifyWebhook } from '../connectors/webhook/verify';
import { handleCatalogueHook } from './catalogue-hooks';
import type { Clock, Logger } from '../types';
import { endpointKindOf, publicUrlOf, type Endpoints } from './endpoints';
import type { Intake } from './intake';
import { formValues, parseBody, readBody } from './read-body';
import { createRejectionLog } from './rejections';
import { refuse } from './refuse';

export interface HookDeps {
  db: Db;
  workflows: WorkflowsRepo;
  endpoints: Endpoints;
  intake: Intake;
  audit: AuditRepo;
  settings: () => Settings;
  clock: Clock;
  logger: Logger;
  /** A trigger connection's credentials, for catalogue webhooks verified with them (Twilio, Meta). */
  credentialsOf?(connectionId: string): Readonly<Record<string, unknown>> | undefined;
}

/** Headers never kept in a run: credentials, and the shared secret itself. */
const DROPPED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

interface Prepared {
  version: number;
  config: WebhookReceiveConfig | Error | ServiceHook;
}

/** A catalogue service's webhook trigger: verified by the service's own scheme. */
class ServiceHook {
  constructor(
    readonly hook: CatalogueWebhook,
    readonly connectionId: string | null,
  ) {}
}

/** The loopback server's /hooks/<id> route: verify, store as a queued run, then answer. */
export function createHookRoute(deps: HookDeps) {
  const meta = deps.db.prepare('SELECT version, state FROM workflows WHERE id = ?');
  const configs = new Map<string, Prepared>();
  const rejections = createRejectionLog(deps.audit, deps.clock);

  /** The trigger config, parsed once per workflow version (webhooks are the hot path). */
  function configOf(
    workflowId: string,
    version: number,
  ): WebhookReceiveConfig | Error | ServiceHook | null {
    const cached = configs.get(workflowId);
    if (cached?.version === version) return cached.config;
    const workflow = deps.workflows.get(workflowId);
    if (!workflow || endpointKindOf(workflow.definition.trigger) !== 'webhook') return null;
    const service = catalogueWebhookOf(workflow.definition.trigger);
    if (service) {
      const config = new ServiceHook(service, workflow.definition.trigger!.connection);
      configs.set(workflowId, { version, config });
      return config;
    }
    const parsed = WebhookReceiveConfig.safeParse(workflow.definition.trigger!.config);
    const config = parsed.success
      ? parsed.data
      : new Error(
          `The webhook trigger's settings are not valid: ${parsed.error.issues[0]?.message}`,
        );
    configs.set(workflowId, { version, config });
    return config;
  }

  return async function handleHook(
    req: IncomingMessage,
    res: ServerResponse,
    pathId: string,
    url: URL,
  ): Promise<void> {
    const endpoint = deps.endpoints.repo.byPath(pathId);
    const row = endpoint
      ? (meta.get(endpoint.workflowId) as { version: number; state: string } | undefined)
      : undefined;
    const config = endpoint && row ? configOf(endpoint.workflowId, row.version) : null;
    if (!endpoint || !row || config === null)
      return refuse(res, 404, 'There is no webhook at this address.');
    if (config instanceof Error) return refuse(res, 500, config.message);
    if (row.state === 'draft' || row.state === 'disabled')
      return refuse(res, 404, 'The workflow behind this webhook is not enabled.');
    if (config instanceof ServiceHook) {
      const workflowId = endpoint.workflowId;
      return handleCatalogueHook(
        {
          intake: deps.intake,
          clock: deps.clock,
          logger: deps.logger,
          credentialsOf: (id) => deps.credentialsOf?.(id),
          signedUrl: (u, r) =>
            publicUrlOf(deps.settings().publicBaseUrl, u.pathname + u.search) ??
            `http://${r.headers.host ?? '127.0.0.1'}${u.pathname}${u.search}`,
          refuse: (id, reason, r) =>
            rejections.record(id, {
              reason,
              verification: config.hook.spec.verification.type,
              webhookId: null,
              remote: r.socket.remoteAddress ?? null,
            }),
        },
        config.hook,
        workflowId,
        config.connectionId,
        req,
        res,
        url,
      );
    }
    if (config.method !== 'ANY' && req.method !== config.method) {
      res.setHeader('allow', config.method);
      return refuse(res, 405, `Send this webhook with ${config.method}.`);
    }
    const limit = config.maxBodyKb * 1024;
    const raw = await readBody(req, limit);
    if (raw === null) {
      return refuse(res, 413, `The body is larger than ${config.maxBodyKb} KB.`);
    }

    const nowMs = deps.clock.now().getTime();
    // Only a signature that covers the URL needs it (settings are read per request, so not always).
    const signedUrl =
      config.verification === 'hmac' && config.signsUrl
        ? (publicUrlOf(deps.settings().publicBaseUrl, url.pathname + url.search) ??
          `http://${req.headers.host ?? '127.0.0.1'}${url.pathname}${url.search}`)
        : '';
    const verdict = verifyWebhook(config, deps.endpoints.secretFor(endpoint.workflowId), {
      headers: req.headers,
      rawBody: raw,
      url: signedUrl,
      nowMs,
    });
    const webhookId = headerValue(req, 'webhook-id');
    if (!verdict.ok) {
      rejections.record(endpoint.workflowId, {
        reason: verdict.reason,
        verification: config.verification,
        webhookId: webhookId?.slice(0, 200) ?? null,
        remote: req.socket.remoteAddress ?? null,
      });
      deps.logger.warn('webhook refused', {
        workflowId: endpoint.workflowId,
        reason: verdict.reason,
      });
      return refuse(res, 401, 'The request could not be verified.');
    }

    const parsed = parseBody(req.headers['content-type'], raw);
    if (!parsed.ok) return refuse(res, parsed.status, parsed.message);

    const eventId =
      (config.verification === 'standard' ? webhookId : undefined) ??
      (config.idHeader ? headerValue(req, config.idHeader) : undefined);
    const secretHeader = config.verification === 'header' ? config.secretHeader : null;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (DROPPED_HEADERS.has(name) || name === secretHeader || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const item = {
      id: eventId ? eventId.slice(0, 500) : `hook-${randomUUID()}`,
      data: {
        method: req.method ?? 'POST',
        path: url.pathname,
        query: formValues(url.searchParams),
        headers,
        contentType: parsed.contentType,
        body: parsed.body,
        receivedAt: new Date(nowMs).toISOString(),
      },
      summary: summaryOf(parsed.body),
    };
    const accepted = await deps.intake.submit(endpoint.workflowId, item);
    if (accepted.duplicate) return reply(res, 200, { duplicate: true, id: item.id });
    if (config.responseBody !== undefined) {
      res.writeHead(config.responseStatus, {
        'content-type': looksLikeJson(config.responseBody)
          ? 'application/json; charset=utf-8'
          : 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
      return void res.end(config.responseBody);
    }
    reply(res, config.responseStatus, { accepted: true, runId: accepted.runId });
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  return (t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'));
}

function summaryOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 120);
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const parts = Object.values(body)
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .slice(0, 3);
    if (parts.length > 0) return parts.join(' · ').slice(0, 200);
  }
  return undefined;
}

export function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}
