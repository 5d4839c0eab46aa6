import { z } from 'zod';
import { ConnectorError } from '@shared/connectors/errors';
import { HttpPollConfig } from '@shared/connectors/http';
import type { PathSegment } from '@shared/workflow/mapping';
import type { HttpResponse } from '../../http/client';
import type { ConnectorContext, LedgerEntry, PollingTriggerImpl, TriggerItem } from '../types';
import { compileResponsePath, isRecord, listAt, valueAt } from './json-path';
import { headersOf, queryOf } from './request';

/** What the trigger remembers between polls (the poller stores it with the runs it queues). */
export interface HttpPollState {
  /** IDs seen, oldest first: the last answer's all, and older ones up to SEEN_KEPT. */
  seen: string[];
  /** The newest cursor-field value seen, sent in cursorParam. */
  cursor?: string | number;
}

/** Enough to recognise items that drop out of a list and come back; the state stays small. */
export const SEEN_KEPT = 5000;

const SUMMARY_FIELDS = ['title', 'name', 'email', 'subject'];

/**
 * Polls a JSON endpoint: the items at a path, each identified by a field. Items whose id was
 * seen before are not events; the first poll (a baseline, see the poller) fires nothing.
 */
export const httpPollTrigger: PollingTriggerImpl<unknown, HttpPollState> = {
  kind: 'polling',
  async poll(ctx, rawConfig, state) {
    const config = configOf(rawConfig);
    const res = await fetchList(ctx, config, state?.cursor);
    const list = listAt(res.body, config.itemsPath, `GET ${res.url}`);
    const idPath = compileResponsePath(config.idField, 'ID field');
    const cursorPath = config.cursorField.trim()
      ? compileResponsePath(config.cursorField, '“Newer than” field')
      : idPath;
    const seen = new Set(state?.seen ?? []);
    const inAnswer = new Set<string>();
    const items: TriggerItem[] = [];
    const ledger: LedgerEntry[] = [];
    let cursor = state?.cursor;
    list.forEach((raw, index) => {
      const id = idOf(raw, idPath);
      if (id === undefined) {
        ledger.push({
          itemId: `#${index}`,
          outcome: 'filtered',
          reason: `Item ${index} has no “${config.idField}” to identify it, so it is skipped.`,
        });
        return;
      }
      cursor = newest(cursor, valueAt(raw, cursorPath));
      if (inAnswer.has(id)) return;
      inAnswer.add(id);
      if (seen.has(id)) return;
      const data = raw as Record<string, unknown>;
      items.push({ id, data, summary: summaryOf(data) });
    });
    const older = (state?.seen ?? []).filter((id) => !inAnswer.has(id));
    const keep = SEEN_KEPT - inAnswer.size;
    const next: HttpPollState = { seen: [...(keep > 0 ? older.slice(-keep) : []), ...inAnswer] };
    if (cursor !== undefined) next.cursor = cursor;
    return { items, state: next, ledger };
  },

  async sample(ctx, rawConfig) {
    const config = configOf(rawConfig);
    const res = await fetchList(ctx, config, undefined);
    const list = listAt(res.body, config.itemsPath, `GET ${res.url}`);
    const idPath = compileResponsePath(config.idField, 'ID field');
    for (const raw of list) {
      const id = idOf(raw, idPath);
      if (id !== undefined) {
        const data = raw as Record<string, unknown>;
        return { id, data, summary: summaryOf(data) };
      }
    }
    return null;
  },
};

/** The poller hands over the stored config; defaults and checks apply here. */
function configOf(raw: unknown): HttpPollConfig {
  const parsed = HttpPollConfig.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConnectorError(
    'invalid_input',
    `The HTTP poll trigger's settings are not valid: ${z.prettifyError(parsed.error)}`,
    { retryable: false },
  );
}

function fetchList(
  ctx: ConnectorContext,
  config: HttpPollConfig,
  cursor: string | number | undefined,
): Promise<HttpResponse> {
  const query = queryOf(config.query);
  if (config.cursorParam && cursor !== undefined) query[config.cursorParam] = cursor;
  return ctx.http.request({
    url: config.url,
    query,
    headers: headersOf(config.headers),
    responseType: 'json',
    timeoutMs: config.timeoutSeconds * 1000,
    signal: ctx.signal,
  });
}

function idOf(raw: unknown, path: readonly PathSegment[]): string | undefined {
  if (!isRecord(raw)) return undefined;
  const value = valueAt(raw, path);
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** The larger cursor value: numbers (and numeric text) by value, other text in order (ISO dates). */
export function newest(
  current: string | number | undefined,
  candidate: unknown,
): string | number | undefined {
  if (typeof candidate !== 'string' && typeof candidate !== 'number') return current;
  if (current === undefined) return candidate;
  const a = String(current);
  const b = String(candidate);
  if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(b) > Number(a) ? candidate : current;
  return b > a ? candidate : current;
}

function summaryOf(data: Record<string, unknown>): string | undefined {
  for (const field of SUMMARY_FIELDS) {
    const value = data[field];
    if (typeof value === 'string' && value.trim() !== '') return value.slice(0, 200);
  }
  return undefined;
}
