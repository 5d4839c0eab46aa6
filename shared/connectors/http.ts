import { z } from 'zod';
import type { ConnectorDescriptor } from './types';

/**
 * "200-299, 304" or "429, 5xx": single codes, ranges and `Nxx` classes, separated by commas.
 * Empty means the default of the field that uses it.
 */
export const StatusList = z
  .string()
  .trim()
  .max(200)
  .regex(
    /^$|^(\d{3}(-\d{3})?|[1-5]xx)(\s*,\s*(\d{3}(-\d{3})?|[1-5]xx))*$/,
    'must list status codes like "200-299, 304" or "429, 5xx"',
  );

/** Whether `status` is in a StatusList; an empty list is `fallback`. */
export function statusMatches(list: string, status: number, fallback: string): boolean {
  const text = list.trim() === '' ? fallback : list;
  return text.split(',').some((part) => {
    const item = part.trim();
    if (/^[1-5]xx$/.test(item)) return Math.floor(status / 100) === Number(item[0]);
    const [from, to = from] = item.split('-').map(Number);
    return status >= from! && status <= to!;
  });
}

export const DEFAULT_SUCCESS_STATUSES = '200-299';
export const DEFAULT_RETRY_STATUSES = '408, 429, 5xx';

const Params = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const Headers = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
/** A path into a JSON answer, as in mappings: `data.items`, `links.next`, `meta["next cursor"]`. */
const ResponsePath = z.string().trim().max(300);

export const HttpRequestConfig = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  url: z.string({ error: 'URL is required' }).trim().min(1, 'URL is required').max(4000),
  query: Params.optional(),
  headers: Headers.optional(),
  bodyType: z.enum(['none', 'json', 'form', 'raw']).default('none'),
  /** JSON: any value; form: an object of fields; raw: text. */
  body: z.unknown().optional(),
  /** The content-type of a raw body. */
  contentType: z.string().trim().max(200).optional(),
  responseType: z.enum(['auto', 'json', 'text']).default('auto'),
  successStatuses: StatusList.default(''),
  retryStatuses: StatusList.default(''),
  timeoutSeconds: z.number().int().min(1).max(300).default(30),
  /** Send the step's idempotency key as Idempotency-Key (for APIs that deduplicate by it). */
  sendIdempotencyKey: z.boolean().default(false),
  pagination: z.enum(['none', 'next_link', 'cursor', 'page']).default('none'),
  /** Where each page's items are; they are concatenated into `items`. */
  itemsPath: ResponsePath.default(''),
  /** next_link: the path of the next page's URL in the answer; empty = the Link header. */
  nextLinkPath: ResponsePath.default(''),
  /** cursor: the path of the next cursor in the answer. */
  cursorPath: ResponsePath.default(''),
  /** cursor: the query parameter the cursor is sent in. */
  cursorParam: z.string().trim().max(100).default('cursor'),
  /** page: the query parameter of the page number. */
  pageParam: z.string().trim().max(100).default('page'),
  firstPage: z.number().int().min(0).max(1_000_000).default(1),
  /** Fetch-all stops here even when there is more (the output says `truncated`). */
  maxPages: z.number().int().min(1).max(1000).default(10),
});
export type HttpRequestConfig = z.infer<typeof HttpRequestConfig>;

export const HttpPollConfig = z.object({
  url: z.string({ error: 'URL is required' }).trim().min(1, 'URL is required').max(4000),
  query: Params.optional(),
  headers: Headers.optional(),
  /** Where the list of items is in the answer; empty when the answer is the list. */
  itemsPath: ResponsePath.default(''),
  /** The field of each item that identifies it. */
  idField: ResponsePath.default('id'),
  /** Sent with the newest value seen so far so the service answers only newer items. */
  cursorParam: z.string().trim().max(100).default(''),
  /** The item field whose largest value is sent in cursorParam; default the id field. */
  cursorField: ResponsePath.default(''),
  timeoutSeconds: z.number().int().min(1).max(300).default(30),
});
export type HttpPollConfig = z.infer<typeof HttpPollConfig>;

const paginationAdvanced = { advanced: true } as const;

export const httpConnector: ConnectorDescriptor = {
  id: 'http',
  name: 'HTTP',
  category: 'developer',
  icon: 'globe',
  description:
    'Call any API: requests with mapped data, and a trigger that polls a JSON endpoint for new items.',
  auth: ['none', 'basic', 'bearer', 'api_key', 'oauth2'],
  connectionKinds: ['http_bearer', 'http_api_key', 'http_basic', 'oauth2'],
  triggers: [
    {
      id: 'poll',
      kind: 'polling',
      name: 'New items from a JSON endpoint',
      description:
        'Reads a JSON list on every poll and starts a run for each item it has not seen before. The first poll only records what is there.',
      config: HttpPollConfig,
      ui: {
        order: ['url', 'itemsPath', 'idField', 'cursorParam', 'cursorField', 'query', 'headers'],
        fields: {
          url: { label: 'URL', placeholder: 'https://api.example.com/leads' },
          itemsPath: {
            label: 'Items at',
            placeholder: 'data.items',
            help: 'Where the list is in the answer. Leave empty when the answer is the list itself.',
          },
          idField: {
            label: 'ID field',
            placeholder: 'id',
            help: 'The field that identifies an item; an ID seen before never starts a run again.',
          },
          cursorParam: {
            label: '“Newer than” parameter',
            placeholder: 'since',
            help: 'Optional: a query parameter sent with the newest value seen, so the service answers only newer items.',
            advanced: true,
          },
          cursorField: {
            label: '“Newer than” field',
            placeholder: 'updated_at',
            help: 'The item field whose newest value is sent; default the ID field.',
            advanced: true,
          },
          query: { label: 'Query parameters', widget: 'json', advanced: true },
          headers: { label: 'Headers', widget: 'json', advanced: true },
          timeoutSeconds: { label: 'Timeout (seconds)', widget: 'number', advanced: true },
        },
      },
      sample: { id: 42, email: 'ada@example.com', name: 'Ada Lovelace' },
    },
  ],
  actions: [
    {
      id: 'request',
      name: 'Send an HTTP request',
      description:
        'Sends a request built from mapped data, authenticated as the chosen account (or not at all), and returns the answer.',
      sideEffects: true,
      config: HttpRequestConfig,
      ui: {
        order: [
          'method',
          'url',
          'query',
          'headers',
          'bodyType',
          'body',
          'contentType',
          'responseType',
          'successStatuses',
          'retryStatuses',
          'timeoutSeconds',
          'sendIdempotencyKey',
          'pagination',
          'itemsPath',
          'nextLinkPath',
          'cursorPath',
          'cursorParam',
          'pageParam',
          'firstPage',
          'maxPages',
        ],
        fields: {
          method: { label: 'Method' },
          url: {
            label: 'URL',
            placeholder: 'https://api.example.com/leads',
            mappable: true,
          },
          query: {
            label: 'Query parameters',
            widget: 'json',
            mappable: true,
            placeholder: '{ "email": "{{mapping.email}}" }',
            help: 'A JSON object; a null value leaves the parameter out.',
          },
          headers: {
            label: 'Headers',
            widget: 'json',
            mappable: true,
            placeholder: '{ "X-Tenant": "acme" }',
          },
          bodyType: {
            label: 'Body',
            widget: 'select',
            options: {
              kind: 'static',
              options: [
                { value: 'none', label: 'No body' },
                { value: 'json', label: 'JSON' },
                { value: 'form', label: 'Form (URL-encoded)' },
                { value: 'raw', label: 'Raw text' },
              ],
            },
          },
          body: {
            label: 'Body content',
            widget: 'json',
            mappable: true,
            help: 'JSON: any value. Form: an object of fields. Raw: text.',
          },
          contentType: {
            label: 'Content type (raw body)',
            placeholder: 'text/plain',
            advanced: true,
          },
          responseType: {
            label: 'Read the answer as',
            widget: 'select',
            options: {
              kind: 'static',
              options: [
                { value: 'auto', label: 'By its content type' },
                { value: 'json', label: 'JSON' },
                { value: 'text', label: 'Text' },
              ],
            },
            advanced: true,
          },
          successStatuses: {
            label: 'Statuses that succeed',
            placeholder: DEFAULT_SUCCESS_STATUSES,
            help: 'e.g. "200-299, 404" to treat “not found” as an answer. Default 200–299.',
            advanced: true,
          },
          retryStatuses: {
            label: 'Statuses to retry',
            placeholder: DEFAULT_RETRY_STATUSES,
            help: 'Other failures are final. Retries follow the workflow’s retry policy and honour Retry-After.',
            advanced: true,
          },
          timeoutSeconds: { label: 'Timeout (seconds)', widget: 'number', advanced: true },
          sendIdempotencyKey: {
            label: 'Send an Idempotency-Key header',
            help: 'The same on every retry of this step, so an API that supports it never acts twice.',
            advanced: true,
          },
          pagination: {
            label: 'Fetch all pages',
            widget: 'select',
            options: {
              kind: 'static',
              options: [
                { value: 'none', label: 'No — one request' },
                { value: 'next_link', label: 'Follow the next-page link' },
                { value: 'cursor', label: 'Send the next cursor' },
                { value: 'page', label: 'Count page numbers' },
              ],
            },
            advanced: true,
          },
          itemsPath: {
            label: 'Items at',
            placeholder: 'data',
            help: 'Where each page’s list is; the pages’ items are joined into one list.',
            ...paginationAdvanced,
          },
          nextLinkPath: {
            label: 'Next-page link at',
            placeholder: 'links.next',
            help: 'Empty: the Link header’s rel="next".',
            ...paginationAdvanced,
          },
          cursorPath: {
            label: 'Next cursor at',
            placeholder: 'meta.next_cursor',
            ...paginationAdvanced,
          },
          cursorParam: { label: 'Cursor parameter', placeholder: 'cursor', ...paginationAdvanced },
          pageParam: { label: 'Page parameter', placeholder: 'page', ...paginationAdvanced },
          firstPage: { label: 'First page number', widget: 'number', ...paginationAdvanced },
          maxPages: { label: 'At most this many pages', widget: 'number', ...paginationAdvanced },
        },
      },
      sample: { status: 200, headers: { 'content-type': 'application/json' }, body: { id: 42 } },
    },
  ],
};
