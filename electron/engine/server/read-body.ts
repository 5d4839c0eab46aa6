import type { IncomingMessage } from 'node:http';

/** Reads the whole body, or returns null as soon as it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      return resolveBody(null);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export type ParsedBody =
  | { ok: true; contentType: string; body: unknown }
  | { ok: false; status: 400 | 415; message: string };

/** JSON, form-urlencoded and text bodies; an empty body is null whatever its type. */
export function parseBody(contentTypeHeader: string | undefined, raw: Buffer): ParsedBody {
  const contentType = (contentTypeHeader ?? '').split(';')[0]!.trim().toLowerCase();
  if (raw.length === 0) return { ok: true, contentType, body: null };
  const text = raw.toString('utf8');
  if (contentType === 'application/json' || contentType.endsWith('+json')) {
    try {
      return { ok: true, contentType, body: JSON.parse(text) as unknown };
    } catch (error) {
      return {
        ok: false,
        status: 400,
        message: `The body is not valid JSON (${(error as Error).message}).`,
      };
    }
  }
  if (contentType === 'application/x-www-form-urlencoded') {
    return { ok: true, contentType, body: formValues(new URLSearchParams(text)) };
  }
  if (contentType === '' || contentType.startsWith('text/')) {
    return { ok: true, contentType: contentType || 'text/plain', body: text };
  }
  return {
    ok: false,
    status: 415,
    message: `Content type ${contentType} is not accepted; send JSON, form-urlencoded or text.`,
  };
}

/** Query or form parameters as an object; a repeated name becomes a list. */
export function formValues(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else out[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}
