import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FormConfig, HONEYPOT_FIELD, validateSubmission } from '@shared/connectors/form';
import type { Db } from '../db/open';
import type { WorkflowsRepo } from '../db/repos/workflows';
import { formPageCsp, renderFormPage, renderMessagePage } from '../connectors/form/page';
import type { Clock } from '../types';
import { endpointKindOf, type Endpoints } from './endpoints';
import type { Intake } from './intake';
import { reply } from './hooks';
import { formValues, parseBody, readBody } from './read-body';

const MAX_FORM_BYTES = 64 * 1024;

export interface FormDeps {
  db: Db;
  workflows: WorkflowsRepo;
  endpoints: Endpoints;
  intake: Intake;
  clock: Clock;
}

/**
 * The address a submission came from. The server listens on 127.0.0.1 only, so a request from
 * outside came through the user's tunnel, which appends the client's address to
 * X-Forwarded-For: the last entry is the one the tunnel vouches for.
 */
export function clientAddress(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.at(-1) ?? req.socket.remoteAddress ?? 'unknown';
}

/** A sliding one-minute window per form and address. */
function createRateLimiter(clock: Clock) {
  const hits = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    /** 0 when allowed (and counted); otherwise the seconds until the next one is. */
    take(key: string, perMinute: number): number {
      const now = clock.now().getTime();
      if (now - lastSweep > 60_000) {
        lastSweep = now;
        for (const [k, times] of hits) if (times.every((t) => now - t >= 60_000)) hits.delete(k);
      }
      const times = (hits.get(key) ?? []).filter((t) => now - t < 60_000);
      if (times.length >= perMinute) {
        hits.set(key, times);
        return Math.max(1, Math.ceil((times[0]! + 60_000 - now) / 1000));
      }
      times.push(now);
      hits.set(key, times);
      return 0;
    },
  };
}

function sendHtml(res: ServerResponse, status: number, html: string, csp: string): void {
  res.removeHeader('x-frame-options');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': csp,
    'cross-origin-resource-policy': 'cross-origin',
  });
  res.end(html);
}

/** GET and POST /forms/<id>: the hosted page, its submissions, and the same form as a JSON API. */
export function createFormRoute(deps: FormDeps) {
  const meta = deps.db.prepare('SELECT version, state FROM workflows WHERE id = ?');
  const limiter = createRateLimiter(deps.clock);

  function load(pathId: string) {
    const endpoint = deps.endpoints.repo.byPath(pathId);
    const row = endpoint
      ? (meta.get(endpoint.workflowId) as { version: number; state: string } | undefined)
      : undefined;
    const workflow = endpoint && row ? deps.workflows.get(endpoint.workflowId) : undefined;
    if (!endpoint || !workflow || endpointKindOf(workflow.definition.trigger) !== 'form')
      return null;
    const parsed = FormConfig.safeParse(workflow.definition.trigger!.config);
    return { endpoint, state: row!.state, config: parsed.success ? parsed.data : null };
  }

  return async function handleForm(
    req: IncomingMessage,
    res: ServerResponse,
    pathId: string,
  ): Promise<void> {
    const form = load(pathId);
    const wantsJson = (req.headers['content-type'] ?? '').toLowerCase().includes('json');
    const csp = formPageCsp(form?.config?.redirectUrl);
    const fail = (status: number, title: string, message: string) =>
      wantsJson
        ? reply(res, status, { ok: false, error: message })
        : sendHtml(res, status, renderMessagePage(title, message), csp);

    if (!form) return fail(404, 'Form not found', 'There is no form at this address.');
    if (!form.config)
      return fail(
        500,
        'Form unavailable',
        'This form’s settings are not valid; its owner can fix them in Switchyard.',
      );
    const config = form.config;
    if (form.state === 'draft' || form.state === 'disabled')
      return fail(404, 'Form closed', 'This form is not accepting sign-ups right now.');

    if (req.method === 'GET' || req.method === 'HEAD')
      return sendHtml(res, 200, renderFormPage(config), csp);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return fail(405, 'Not allowed', 'Open the form, or send it with POST.');
    }

    const wait = limiter.take(`${pathId}|${clientAddress(req)}`, config.rateLimitPerMinute);
    if (wait > 0) {
      res.setHeader('retry-after', String(wait));
      return fail(
        429,
        'Too many sign-ups',
        `Too many submissions from your address. Try again in ${wait} seconds.`,
      );
    }

    const raw = await readBody(req, MAX_FORM_BYTES);
    if (raw === null) return fail(413, 'Too large', 'The submission is too large.');
    const parsed = parseBody(req.headers['content-type'], raw);
    if (!parsed.ok) return fail(parsed.status, 'Not accepted', parsed.message);
    const body = parsed.body;
    const values: Record<string, unknown> =
      body && typeof body === 'object' && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : typeof body === 'string'
          ? formValues(new URLSearchParams(body))
          : {};

    const itemId = `form-${randomUUID()}`;
    const trap = values[HONEYPOT_FIELD];
    if (typeof trap === 'string' && trap.trim() !== '') {
      // Answered like a success, so a bot learns nothing; the ledger says why nothing ran.
      await deps.intake.submit(form.endpoint.workflowId, null, {
        itemId,
        outcome: 'filtered',
        reason: `Spam guard: the hidden "${HONEYPOT_FIELD}" field was filled in, which people never do.`,
      });
      return succeed(res, config, wantsJson, csp, null);
    }

    const checked = validateSubmission(config.fields, values);
    if (!checked.ok) {
      if (wantsJson) return reply(res, 422, { ok: false, errors: checked.errors });
      const shown: Record<string, string> = {};
      for (const [key, value] of Object.entries(values))
        if (typeof value === 'string') shown[key] = value;
      return sendHtml(
        res,
        422,
        renderFormPage(config, { values: shown, errors: checked.errors }),
        csp,
      );
    }

    const accepted = await deps.intake.submit(form.endpoint.workflowId, {
      id: itemId,
      data: checked.data,
    });
    return succeed(res, config, wantsJson, csp, accepted.runId);
  };
}

function succeed(
  res: ServerResponse,
  config: FormConfig,
  wantsJson: boolean,
  csp: string,
  runId: number | null,
): void {
  if (wantsJson)
    return reply(res, 200, {
      ok: true,
      message: config.successMessage,
      ...(config.redirectUrl ? { redirectUrl: config.redirectUrl } : {}),
      ...(runId !== null ? { runId } : {}),
    });
  if (config.redirectUrl) {
    res.writeHead(303, { location: config.redirectUrl, 'cache-control': 'no-store' });
    return void res.end();
  }
  sendHtml(res, 200, renderMessagePage(config.title, config.successMessage), csp);
}
