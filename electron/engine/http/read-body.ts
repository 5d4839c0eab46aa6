import { TextDecoder } from 'node:util';
import { ConnectorError } from '@shared/connectors/errors';
import type { ResponseType } from './types';

/** Reads the whole body, failing with unexpected_response as soon as it exceeds `maxBytes`. */
export async function readBody(
  res: Response,
  maxBytes: number,
  where: string,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new ConnectorError(
      'unexpected_response',
      `The response is larger than ${maxBytes} bytes (${res.status} from ${where}).`,
      { status: res.status, retryable: false },
    );
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

export type DecodedBody =
  | { ok: true; value: unknown }
  /** JSON was expected but the body is not JSON; `text` is what came. */
  | { ok: false; text: string; reason: string };

/** Decodes by the requested type, or else by content-type: JSON, text, otherwise bytes. */
export function decodeBody(
  bytes: Uint8Array,
  contentType: string | null,
  responseType: ResponseType | undefined,
): DecodedBody {
  const type = responseType ?? typeOfContent(contentType);
  if (type === 'bytes') return { ok: true, value: bytes };
  const text = decodeText(bytes, contentType);
  if (type === 'text') return { ok: true, value: text };
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, text, reason: (error as Error).message };
  }
}

function typeOfContent(contentType: string | null): ResponseType {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mime === '' || mime.startsWith('text/')) return mime.endsWith('json') ? 'json' : 'text';
  if (mime.endsWith('/json') || mime.endsWith('+json')) return 'json';
  if (
    mime.endsWith('/xml') ||
    mime.endsWith('+xml') ||
    mime === 'application/x-www-form-urlencoded' ||
    mime === 'application/javascript'
  ) {
    return 'text';
  }
  return 'bytes';
}

/** Decoders by charset: making one per response costs more than decoding a small body. */
const decoders = new Map<string, TextDecoder>();

function decoderFor(charset: string): TextDecoder {
  const name = charset.toLowerCase();
  let decoder = decoders.get(name);
  if (!decoder) {
    try {
      decoder = new TextDecoder(name);
    } catch {
      decoder = decoderFor('utf-8');
    }
    if (decoders.size < 32) decoders.set(name, decoder);
  }
  return decoder;
}

function decodeText(bytes: Uint8Array, contentType: string | null): string {
  const charset = /charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  return decoderFor(charset).decode(bytes);
}
