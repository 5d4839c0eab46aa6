import { ConnectorError } from '@shared/connectors/errors';
import type { HttpRequestConfig } from '@shared/connectors/http';
import { templateText } from '@shared/workflow/mapping';
import type { HttpRequest, HttpResponse } from '../../http/client';
import type { ActionContext } from '../types';
import { compileResponsePath, listAt, valueAt } from './json-path';
import { sendOnce } from './request';

export interface AllPages {
  status: number;
  items: unknown[];
  pages: number;
  /** More pages were there when the page cap stopped fetching. */
  truncated: boolean;
}

/**
 * Fetch-all: follows the answer's next link, its next cursor, or page numbers until there is
 * no next page (or an empty page), and joins each page's items. Stops at `maxPages`.
 */
export async function fetchAllPages(
  ctx: ActionContext,
  config: HttpRequestConfig,
  first: HttpRequest,
): Promise<AllPages> {
  if (config.pagination === 'cursor' && config.cursorPath.trim() === '') {
    throw new ConnectorError(
      'invalid_input',
      'Fetching pages by cursor needs “Next cursor at”: where the answer gives the next cursor.',
      { retryable: false },
    );
  }
  const nextLinkPath = compileResponsePath(config.nextLinkPath, 'Next-page link at');
  const cursorPath = compileResponsePath(config.cursorPath, 'Next cursor at');
  const items: unknown[] = [];
  let req: HttpRequest =
    config.pagination === 'page'
      ? { ...first, query: { ...first.query, [config.pageParam]: config.firstPage } }
      : first;
  const visited = new Set<string>();
  for (let pages = 1; ; pages++) {
    const res = await sendOnce(ctx, config, req);
    const where = `${req.method ?? 'GET'} ${res.url}`;
    const pageItems = listAt(res.body, config.itemsPath, where);
    items.push(...pageItems);
    const next = nextRequest(req, res, pageItems.length);
    if (!next) return { status: res.status, items, pages, truncated: false };
    if (pages >= config.maxPages) return { status: res.status, items, pages, truncated: true };
    req = next;
  }

  function nextRequest(
    current: HttpRequest,
    res: HttpResponse,
    count: number,
  ): HttpRequest | undefined {
    switch (config.pagination) {
      case 'next_link': {
        const link =
          config.nextLinkPath.trim() === ''
            ? nextFromLinkHeader(res.headers.link)
            : valueAt(res.body, nextLinkPath);
        if (typeof link !== 'string' || link.trim() === '') return undefined;
        const url = new URL(link, res.url).href;
        visited.add(res.url);
        if (visited.has(url)) return undefined; // a service pointing back at a page it gave
        // The link carries its own query; the first request's parameters are not added again.
        return { ...current, url, query: {} };
      }
      case 'cursor': {
        const cursor = valueAt(res.body, cursorPath);
        if (cursor === undefined || cursor === null || cursor === '' || cursor === false)
          return undefined;
        const text = templateText(cursor);
        if (visited.has(text)) return undefined;
        visited.add(text);
        return { ...current, query: { ...current.query, [config.cursorParam]: text } };
      }
      case 'page': {
        if (count === 0) return undefined;
        const page = Number(current.query?.[config.pageParam] ?? config.firstPage) + 1;
        return { ...current, query: { ...current.query, [config.pageParam]: page } };
      }
      default:
        return undefined;
    }
  }
}

/** RFC 8288: `<https://api/x?page=2>; rel="next", <…>; rel="last"` → the next URL. */
export function nextFromLinkHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2]!)?.[1];
    if (rel?.split(/\s+/).some((r) => r.toLowerCase() === 'next')) return match[1];
  }
  return undefined;
}
