import { createHash, createHmac } from 'node:crypto';

/** AWS credentials for Signature Version 4. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** For temporary credentials (STS); sent as X-Amz-Security-Token. */
  sessionToken?: string;
}

export interface SigV4Request {
  method: string;
  url: URL;
  /** Header names in any case; `host` is taken from the URL when absent. */
  headers: Record<string, string>;
  /** The exact bytes sent; the empty body when absent. */
  body?: string | Uint8Array;
  /** The body's SHA-256 (hex) when the caller has it instead of the bytes. */
  payloadHash?: string;
}

export interface SigV4Scope {
  region: string;
  service: string;
  /** The signing time; AWS refuses signatures more than 15 minutes off. */
  at: Date;
}

export interface SigV4Result {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
  /** Headers to add to the request: x-amz-date, authorization, and the session token if any. */
  headers: Record<string, string>;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = sha256Hex('');

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 asks: everything but A–Z a–z 0–9 - _ . ~ is %XX (upper-case). */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `20150830T123600Z` and `20150830`. */
export function amzDates(at: Date): { amzDate: string; day: string } {
  const amzDate = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return { amzDate, day: amzDate.slice(0, 8) };
}

export function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secret}`, day);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

function canonicalPath(url: URL): string {
  // Each segment is decoded once then encoded once (single encoding, as the published suite and
  // S3 expect; the services Switchyard signs have paths without reserved characters).
  const path = url.pathname === '' ? '/' : url.pathname;
  return path
    .split('/')
    .map((segment) => uriEncode(safeDecode(segment)))
    .join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function canonicalQuery(url: URL): string {
  const pairs: [string, string][] = [];
  // URLSearchParams reads `+` as a space, which is what a form-encoded query means.
  for (const [key, value] of url.searchParams) pairs.push([uriEncode(key), uriEncode(value)]);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Signs one request (AWS Signature Version 4, header form). Pure: the caller adds the headers. */
export function signSigV4(
  request: SigV4Request,
  credentials: AwsCredentials,
  scope: SigV4Scope,
): SigV4Result {
  const { amzDate, day } = amzDates(scope.at);
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) {
    headers.set(name.toLowerCase(), value.trim().replace(/\s+/g, ' '));
  }
  if (!headers.has('host')) headers.set('host', request.url.host);
  headers.set('x-amz-date', amzDate);
  if (credentials.sessionToken) headers.set('x-amz-security-token', credentials.sessionToken);
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(';');
  const payloadHash =
    request.payloadHash ??
    (request.body === undefined ? EMPTY_BODY_SHA256 : sha256Hex(request.body));
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.url),
    canonicalQuery(request.url),
    names.map((n) => `${n}:${headers.get(n)}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, credentialScope, sha256Hex(canonicalRequest)].join(
    '\n',
  );
  const signature = createHmac(
    'sha256',
    signingKey(credentials.secretAccessKey, day, scope.region, scope.service),
  )
    .update(stringToSign, 'utf8')
    .digest('hex');
  const authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  const added: Record<string, string> = { 'x-amz-date': amzDate, authorization };
  if (credentials.sessionToken) added['x-amz-security-token'] = credentials.sessionToken;
  return { canonicalRequest, stringToSign, signature, authorization, headers: added };
}
