import type { ErrorRule, ServiceDefinition } from '@shared/connectors/catalogue/format';
import { ConnectorError } from '@shared/connectors/errors';
import { extractServiceMessage } from '../../http/classify';
import type { ErrorClassifier } from '../../http/client';
import { parseRetryAfter } from '../../http/retry-after';
import { valueAt } from './paths';

function matches(rule: ErrorRule, status: number, body: unknown): boolean {
  if (rule.status && !rule.status.includes(status)) return false;
  if (rule.match) {
    const value = valueAt(body, rule.match.path);
    if (!rule.match.in.some((v) => v === value || String(v) === String(value))) return false;
  }
  return rule.status !== undefined || rule.match !== undefined;
}

/** The longest wait (seconds) the service's own rate-limit headers ask for. */
function waitFromOtherHeaders(
  names: readonly string[] | undefined,
  headers: Readonly<Record<string, string>>,
): string | undefined {
  const waits = (names ?? [])
    .map((n) => Number(headers[n.toLowerCase()]))
    .filter((n) => Number.isFinite(n) && n >= 0);
  return waits.length > 0 ? String(Math.max(...waits)) : undefined;
}

/**
 * The service's error mapping as the HTTP layer's classifier: the first rule that matches the
 * status and body decides the code; the message is the service's own words with where it came
 * from. Answers no rule matches get the layer's defaults.
 */
export function classifierOf(
  service: Pick<ServiceDefinition, 'name' | 'errors'>,
  opRules: readonly ErrorRule[],
  now: () => Date,
): ErrorClassifier {
  const rules = [...opRules, ...service.errors];
  return ({ status, headers, body }) => {
    const rule = rules.find((r) => matches(r, status, body));
    if (!rule) return undefined;
    const own = rule.messagePath ? valueAt(body, rule.messagePath) : undefined;
    const said =
      (typeof own === 'string' && own.trim() !== '' ? own.trim().slice(0, 300) : undefined) ??
      extractServiceMessage(body) ??
      `HTTP ${status}`;
    const retryAfter = parseRetryAfter(
      headers['retry-after'] ?? waitFromOtherHeaders(rule.retryAfterHeaders, headers),
      now(),
    );
    return new ConnectorError(rule.code, `${service.name}: ${said} (${status})`, {
      status,
      ...(retryAfter && (rule.code === 'rate_limited' || rule.code === 'quota_exceeded')
        ? { retryAfterMs: retryAfter.delayMs }
        : {}),
    });
  };
}
