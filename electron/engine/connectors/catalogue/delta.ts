import type { PollingTriggerSpec, ServiceDefinition } from '@shared/connectors/catalogue/format';
import { ConnectorError } from '@shared/connectors/errors';
import type { HttpRequest } from '../../http/client';
import type { ConnectorContext, LedgerEntry, PollingTriggerImpl, TriggerItem } from '../types';
import { collect, valueAt } from './paths';
import {
  advance,
  compareCursor,
  isNew,
  readItem,
  toItem,
  type CursorState,
  type Seen,
} from './polling';
import { renderRequest, type RequestScope } from './request';
import { normaliseInput, sender, serviceConnection } from './runtime';

type DeltaPagination = Extract<PollingTriggerSpec['pagination'], { style: 'delta' }>;

/**
 * How the items of the current round are treated: `baseline` records them (the first round),
 * `catchup` fires only what is past the cursor (a round restarted after the service forgot the
 * link, or a state from before delta), `live` fires every change the service reports.
 */
export type DeltaMode = 'baseline' | 'catchup' | 'live';

export interface DeltaState extends CursorState {
  /** The deltaLink to ask next, or the nextLink of a round not finished in one poll. */
  link: string | null;
  mode: DeltaMode;
  /** The end of the window the round was opened with (ms), so it is reopened in time. */
  windowEnd?: number;
}

const DAY_MS = 86_400_000;

function isDeltaState(state: unknown): state is DeltaState {
  return !!state && typeof state === 'object' && 'mode' in state && 'link' in state;
}

/** The request opening a round: the template, with the window from the clock when it has one. */
function openRound(
  spec: PollingTriggerSpec,
  delta: DeltaPagination,
  baseUrl: string,
  scope: RequestScope,
  nowMs: number,
): { req: HttpRequest; windowEnd?: number } {
  const req = renderRequest(spec.request!, baseUrl, scope);
  if (!delta.window) return { req };
  const dayStart = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const start = dayStart - delta.window.daysBack * DAY_MS;
  const end = dayStart + delta.window.daysAhead * DAY_MS;
  req.query = {
    ...req.query,
    [delta.window.startParam]: new Date(start).toISOString().replace('.000Z', 'Z'),
    [delta.window.endParam]: new Date(end).toISOString().replace('.000Z', 'Z'),
  };
  return { req, windowEnd: end };
}

/** A link from the service, refused when it points away from the API (the token goes with it). */
function sameOrigin(link: unknown, baseUrl: string, name: string): unknown {
  if (typeof link !== 'string' || link === '') return link;
  const url = new URL(link, baseUrl);
  if (url.origin !== new URL(baseUrl).origin)
    throw new ConnectorError(
      'unexpected_response',
      `${name}: a delta link points to another host (${url.host}).`,
    );
  return url.href;
}

interface Round {
  seen: Seen[];
  removed: string[];
  /** Ids of items without the cursor field: their change cannot be placed, so it is logged. */
  unreadable: string[];
  link: string | null;
  finished: boolean;
  mode: DeltaMode;
  windowEnd?: number;
}

/** Reads one poll's pages of a round: from the kept link, or a new round when there is none. */
async function readRound(
  service: ServiceDefinition,
  spec: PollingTriggerSpec,
  delta: DeltaPagination,
  ctx: ConnectorContext,
  config: Record<string, unknown>,
  state: DeltaState | null,
  maxPages: number,
): Promise<Round> {
  const input = normaliseInput(spec, config);
  const conn = serviceConnection(service, ctx.connection?.credentials ?? {});
  const scope: RequestScope = { ...conn.scope, input };
  const send = sender(service, ctx, spec.errors);
  const nowMs = ctx.clock.now().getTime();
  const fresh = () => openRound(spec, delta, conn.baseUrl, scope, nowMs);
  const headers = renderRequest(spec.request!, conn.baseUrl, scope).headers;

  let mode: DeltaMode = state ? state.mode : 'baseline';
  let windowEnd = state?.windowEnd;
  let req: HttpRequest;
  // Reopened while half the window is still ahead, so new far-off events stay inside it.
  const windowClosing =
    delta.window !== undefined &&
    windowEnd !== undefined &&
    windowEnd - nowMs < (delta.window.daysAhead * DAY_MS) / 2;
  if (state?.link && !windowClosing) req = { method: 'GET', url: state.link, headers };
  else {
    if (state && state.mode === 'live') mode = 'catchup';
    ({ req, windowEnd } = fresh());
  }
  const round: Round = {
    seen: [],
    removed: [],
    unreadable: [],
    link: null,
    finished: false,
    mode,
    windowEnd,
  };
  let restarted = false;
  for (let page = 0; page < maxPages; page++) {
    let body: unknown;
    try {
      body = (await send(req)).body;
    } catch (error) {
      const status = error instanceof ConnectorError ? error.status : undefined;
      if (restarted || status === undefined || !delta.restartStatus.includes(status)) throw error;
      // The service no longer knows the kept link: a new round, firing only what is new.
      restarted = true;
      if (round.mode !== 'baseline') round.mode = 'catchup';
      ({ req, windowEnd: round.windowEnd } = fresh());
      page--;
      continue;
    }
    for (const raw of collect(body, spec.itemsPath)) {
      if (delta.removedPath && valueAt(raw, delta.removedPath) !== undefined) {
        const id = valueAt(raw, spec.idPath);
        if (id !== undefined && id !== null) round.removed.push(String(id));
        continue;
      }
      const item = readItem(spec, raw);
      if (item) round.seen.push(item);
      else if (valueAt(raw, spec.idPath) !== undefined)
        round.unreadable.push(String(valueAt(raw, spec.idPath)));
    }
    const next = sameOrigin(valueAt(body, delta.nextPath), conn.baseUrl, service.name);
    const deltaLink = sameOrigin(valueAt(body, delta.deltaPath), conn.baseUrl, service.name);
    if (typeof next === 'string' && next !== '') {
      round.link = next;
      req = { method: 'GET', url: next, headers };
      continue;
    }
    if (typeof deltaLink !== 'string' || deltaLink === '')
      throw new ConnectorError(
        'unexpected_response',
        `${service.name}: a delta page had neither a next link nor a delta link.`,
      );
    round.link = deltaLink;
    round.finished = true;
    break;
  }
  return round;
}

/**
 * A catalogue polling trigger over a delta query. The kept link is the cursor; the newest
 * modification seen is kept too, so a restarted round does not fire what was already seen.
 */
export function deltaTriggerOf(
  service: ServiceDefinition,
  spec: PollingTriggerSpec,
): PollingTriggerImpl<Record<string, unknown>, DeltaState> {
  const delta = spec.pagination as DeltaPagination;
  return {
    kind: 'polling',
    async poll(ctx, config, stored) {
      // A state from before delta (newest modification only) catches up from its cursor.
      const state: DeltaState | null = isDeltaState(stored)
        ? stored
        : stored
          ? { ...(stored as CursorState), link: null, mode: 'catchup' }
          : null;
      const round = await readRound(service, spec, delta, ctx, config, state, spec.maxPages);
      const unique = [...new Map(round.seen.map((s) => [s.id, s])).values()].sort((a, b) =>
        compareCursor(a.cursor, b.cursor),
      );
      const ledger: LedgerEntry[] = round.removed.map((id) => ({
        itemId: id,
        outcome: 'filtered',
        reason:
          'Removed from the calendar (deleted, or moved out of the window): removals do not fire.',
      }));
      for (const id of round.unreadable)
        ledger.push({
          itemId: id,
          outcome: 'filtered',
          reason: `It came without ${spec.cursor.path}, so its change cannot be placed; not fired.`,
        });
      const cursorState: CursorState = state ?? { cursor: null, atCursor: [] };
      let items: TriggerItem[] = [];
      if (round.mode === 'baseline') {
        for (const s of unique)
          ledger.push({
            itemId: s.id,
            outcome: 'baseline',
            reason: 'It existed when the trigger was turned on.',
          });
      } else {
        const fire = round.mode === 'live' ? unique : unique.filter((s) => isNew(s, cursorState));
        for (const s of unique)
          if (!fire.includes(s))
            ledger.push({
              itemId: s.id,
              outcome: 'filtered',
              reason: 'Seen before the delta link was started over, and not changed since.',
            });
        items = fire.map((s) => toItem(spec, s));
      }
      const next = advance(
        state ? { cursor: state.cursor, atCursor: state.atCursor } : null,
        unique,
      );
      return {
        items,
        state: {
          ...next,
          link: round.link,
          // A round not finished in this poll goes on in the same mode next time.
          mode: round.finished ? 'live' : round.mode,
          ...(round.windowEnd !== undefined ? { windowEnd: round.windowEnd } : {}),
        },
        ledger,
      };
    },
    async sample(ctx, config) {
      const round = await readRound(service, spec, delta, ctx, config, null, 1);
      const newest = [...round.seen].sort((a, b) => compareCursor(b.cursor, a.cursor))[0];
      return newest ? toItem(spec, newest) : null;
    },
  };
}
