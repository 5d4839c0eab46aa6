import type { RequestTemplate } from '@shared/connectors/catalogue/format';
import { ConnectorError } from '@shared/connectors/errors';
import { renderTemplate, templateText, type Scope } from '@shared/workflow/mapping';
import type { HttpRequest } from '../../http/client';

/** What request templates may read. */
export interface RequestScope extends Scope {
  input: Record<string, unknown>;
  credentials: Readonly<Record<string, unknown>>;
  region: Readonly<Record<string, string>>;
  derived: Readonly<Record<string, unknown>>;
  cursor?: unknown;
  idempotencyKey?: string;
}

/** An object holding `"$if": "{{…}}"` is left out when that renders blank (optional list entries). */
export const IF_KEY = '$if';

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** Renders a JSON body template: strings are templates, keys that render blank are left out. */
export function renderJson(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') return renderTemplate(value, scope);
  if (Array.isArray(value)) return value.map((v) => renderJson(v, scope)).filter((v) => !blank(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const entries = Object.entries(value);
    const condition = entries.find(([k]) => k === IF_KEY);
    if (condition && blank(renderJson(condition[1], scope))) return undefined;
    for (const [k, v] of entries) {
      if (k === IF_KEY) continue;
      const rendered = renderJson(v, scope);
      const emptyObject =
        rendered !== null &&
        typeof rendered === 'object' &&
        !Array.isArray(rendered) &&
        Object.keys(rendered).length === 0 &&
        !(v !== null && typeof v === 'object' && Object.keys(v).length === 0);
      if (!blank(rendered) && !emptyObject) out[k] = rendered;
    }
    return out;
  }
  return value;
}

const textOf = (template: string, scope: Scope) => templateText(renderTemplate(template, scope));

function renderRecord(
  record: Record<string, string> | undefined,
  scope: Scope,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record ?? {})) {
    const text = textOf(v, scope);
    if (text !== '') out[k] = text;
  }
  return out;
}

/** The URL of a path template: absolute as rendered, or joined to the base URL. */
export function urlOf(path: string, baseUrl: string, scope: Scope): string {
  const rendered = textOf(path, scope);
  if (/^https?:\/\//i.test(rendered)) return rendered;
  if (rendered === '' || /^[a-z]+:/i.test(rendered))
    throw new ConnectorError(
      'invalid_input',
      `The request path "${path}" rendered to "${rendered}".`,
      {
        retryable: false,
      },
    );
  return `${baseUrl.replace(/\/+$/, '')}/${rendered.replace(/^\/+/, '')}`;
}

/** The HTTP layer's request for one operation's template, rendered over the scope. */
export function renderRequest(
  template: RequestTemplate,
  baseUrl: string,
  scope: RequestScope,
): HttpRequest {
  const req: HttpRequest = {
    method: template.method,
    url: urlOf(template.path, baseUrl, scope),
    query: renderRecord(template.query, scope),
    headers: renderRecord(template.headers, scope),
  };
  if (template.body?.type === 'json') req.json = renderJson(template.body.value, scope);
  if (template.body?.type === 'form') req.form = renderRecord(template.body.value, scope);
  return req;
}
