import type { PollingTriggerSpec, ServiceDefinition } from '@shared/connectors/catalogue/format';
import { ConnectorError } from '@shared/connectors/errors';
import { renderTemplate, templateText } from '@shared/workflow/mapping';
import type { HttpRequest } from '../../http/client';
import type {
  ConnectorContext,
  LedgerEntry,
  PollResult,
  PollingTriggerImpl,
  TriggerItem,
} from '../types';
import { deltaTriggerOf } from './delta';
import { catalogueFn } from './functions';
import { collect, valueAt } from './paths';
import { renderRequest, urlOf, type RequestScope } from './request';
import { fnContext, normaliseInput, sender, serviceConnection } from './runtime';

/** The newest cursor value seen, and the ids seen at exactly that value (ties are not lost). */
export interface CursorState {
  cursor: string | number | null;
  atCursor: string[];
}

/** Numbers compare as numbers, anything else as text (ISO timestamps sort as text). */
export function compareCursor(a: unknown, b: unknown): number {
  const na = typeof a === 'number' ? a : Number(a);
  const nb = typeof b === 'number' ? b : Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  const ta = templateText(a);
  const tb = templateText(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

export interface Seen {
  id: string;
  cursor: string | number;
  data: Record<string, unknown>;
}

export function readItem(spec: PollingTriggerSpec, raw: unknown): Seen | null {
  if (!raw || typeof raw !== 'object') return null;
  const id = valueAt(raw, spec.idPath);
  const cursor = valueAt(raw, spec.cursor.path);
  if (id === undefined || id === null || cursor === undefined || cursor === null) return null;
  return {
    id: templateText(id),
    cursor: typeof cursor === 'number' ? cursor : templateText(cursor),
    data: raw as Record<string, unknown>,
  };
}

export const isNew = (item: Seen, state: CursorState) => {
  if (state.cursor === null) return true;
  const c = compareCursor(item.cursor, state.cursor);
  return c > 0 || (c === 0 && !state.atCursor.includes(item.id));
};

/** Reads pages until a page holds nothing new (newest first) or there are no more pages. */
async function fetchItems(
  service: ServiceDefinition,
  spec: PollingTriggerSpec,
  ctx: ConnectorContext,
  config: Record<string, unknown>,
  state: CursorState | null,
): Promise<Seen[]> {
  const input = normaliseInput(spec, config);
  const conn = serviceConnection(service, ctx.connection?.credentials ?? {});
  const cursor = state?.cursor ?? spec.cursor.initial;
  const scope: RequestScope = { ...conn.scope, input, cursor };
  const send = sender(service, ctx, spec.errors);
  if (spec.fn) {
    const raw = await catalogueFn(spec.fn)(
      fnContext(service, spec, ctx, scope, conn.baseUrl, send),
    );
    if (!Array.isArray(raw))
      throw new ConnectorError('unexpected_response', `${spec.id}: the function returned no list.`);
    return raw.map((r) => readItem(spec, r)).filter((r): r is Seen => r !== null);
  }
  const first = renderRequest(spec.request!, conn.baseUrl, scope);
  const out: Seen[] = [];
  let req: HttpRequest | null = first;
  const pagination = spec.pagination;
  for (let page = 0; req && page < spec.maxPages; page++) {
    const res = await send(req);
    const items = collect(res.body, spec.itemsPath)
      .map((r) => readItem(spec, r))
      .filter((r): r is Seen => r !== null);
    out.push(...items);
    // Newest first: a page with anything already seen means the rest is older still.
    if (state && spec.cursor.order === 'desc' && items.some((i) => !isNew(i, state))) break;
    req = null;
    if (pagination.style === 'cursor') {
      const next = valueAt(res.body, pagination.cursorPath);
      if (next !== undefined && next !== null && next !== '')
        req =
          pagination.in === 'body'
            ? {
                ...first,
                json: { ...(first.json as object), [pagination.param]: templateText(next) },
              }
            : { ...first, query: { ...first.query, [pagination.param]: templateText(next) } };
    } else if (pagination.style === 'next_url') {
      const next = valueAt(res.body, pagination.nextPath);
      if (typeof next === 'string' && next !== '') {
        const url = /^https?:/i.test(next) ? next : new URL(next, conn.baseUrl).href;
        req = { ...first, url: urlOf(url, conn.baseUrl, scope), query: {} };
      }
    } else if (pagination.style === 'page') {
      if (items.length >= pagination.size)
        req = {
          ...first,
          query: {
            ...first.query,
            [pagination.param]: String(pagination.first + page + 1),
            [pagination.sizeParam]: String(pagination.size),
          },
        };
    }
  }
  return out;
}

export function advance(state: CursorState | null, items: readonly Seen[]): CursorState {
  let next: CursorState = state ?? { cursor: null, atCursor: [] };
  for (const item of items) {
    const c = next.cursor === null ? 1 : compareCursor(item.cursor, next.cursor);
    if (c > 0) next = { cursor: item.cursor, atCursor: [item.id] };
    else if (c === 0 && !next.atCursor.includes(item.id))
      next = { ...next, atCursor: [...next.atCursor, item.id] };
  }
  return next;
}

export const toItem = (spec: PollingTriggerSpec, s: Seen): TriggerItem => ({
  id: spec.firesOnUpdate ? `${s.id}@${s.cursor}` : s.id,
  data: s.data,
  ...(spec.summary
    ? { summary: templateText(renderTemplate(spec.summary, s.data)).slice(0, 200) }
    : {}),
});

/**
 * A catalogue polling trigger: the first poll is the baseline (invariant 4); later polls fire
 * what is past the cursor, oldest first. Ties at the cursor value are told apart by id.
 */
export function pollingTriggerOf(
  service: ServiceDefinition,
  spec: PollingTriggerSpec,
): PollingTriggerImpl<Record<string, unknown>, CursorState> {
  if (spec.pagination.style === 'delta') return deltaTriggerOf(service, spec);
  return {
    kind: 'polling',
    async poll(ctx, config, state): Promise<PollResult<CursorState>> {
      const seen = await fetchItems(service, spec, ctx, config, state);
      if (state === null) {
        const ledger: LedgerEntry[] = seen.map((s) => ({
          itemId: s.id,
          outcome: 'baseline',
          reason: 'It existed when the trigger was turned on.',
        }));
        return { items: [], state: advance(null, seen), ledger };
      }
      const fresh = seen
        .filter((s) => isNew(s, state))
        .sort((a, b) => compareCursor(a.cursor, b.cursor));
      const unique = [...new Map(fresh.map((s) => [s.id, s])).values()];
      return {
        items: unique.map((s) => toItem(spec, s)),
        state: advance(state, unique),
        ledger: [],
      };
    },
    async sample(ctx, config) {
      const seen = await fetchItems(service, { ...spec, maxPages: 1 }, ctx, config, null);
      const newest = [...seen].sort((a, b) => compareCursor(b.cursor, a.cursor))[0];
      return newest ? toItem(spec, newest) : null;
    },
  };
}
