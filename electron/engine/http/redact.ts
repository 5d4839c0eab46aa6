/**
 * The one redactor every log line, step log and HTTP exchange summary goes through.
 *
 * It removes:
 * (a) known secret values (connection tokens, API keys, passwords) anywhere inside any string or
 *     object key, also URL-encoded, form-encoded, JSON-escaped and base64/base64url-encoded (at
 *     any alignment, so `Basic base64(user:secret)` is caught too). Secrets shorter than
 *     MIN_SECRET_LENGTH characters are ignored: replacing them would wreck ordinary text;
 * (b) the value of every sensitive key, at any depth — see SENSITIVE_KEY_NAMES and
 *     SENSITIVE_KEY_SUFFIXES. Keys are compared case-insensitively with `-`, `_`, `.` and other
 *     punctuation removed, so `X-Api-Key`, `x_api_key` and `xApiKey` are one key. Null, undefined
 *     and booleans under a sensitive key are kept (they say whether, not what);
 * (c) credentials after `Bearer`, `Basic`, `Token` and `Negotiate` in free text;
 * (d) sensitive `name=value` pairs in free text — URL query strings, form bodies, cookies —
 *     `name: value` and `"name": "value"` pairs, header lines such as `Cookie: …`, and the
 *     password of `scheme://user:password@host` URLs.
 *
 * Every removed value becomes REDACTED. `redact` returns a JSON-shaped deep copy: Date → ISO
 * string, Map/Headers/URLSearchParams → plain object, Set → array, Buffer/Uint8Array/ArrayBuffer
 * → "[N bytes]", Error → { name, message, code, …, cause }, bigint → string, non-finite numbers
 * → null, cycles → "[Circular]", functions and symbols dropped, as JSON.stringify would.
 */

export const REDACTED = '[REDACTED]';
export const MIN_SECRET_LENGTH = 6;
const MAX_DEPTH = 64;
/** Up to this many encoded forms, includes() per form beats one big alternation. */
const FEW_VARIANTS = 32;

/**
 * Keys whose value is always redacted, in their common spelling; compared after normalising.
 * `token` is listed, but paging cursors (`pageToken`, `nextPageToken`, `syncToken`) are not:
 * they are not credentials, and the run log needs them to explain a poll.
 */
export const SENSITIVE_KEY_NAMES: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api_key',
  'apikey',
  'x-goog-api-key',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
  'csrf_token',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'auth_token',
  'session_token',
  'sessionid',
  'jwt',
  'client_secret',
  'client_assertion',
  // RFC 7523's JWT bearer grant: a signed assertion is as good as a token for its hour.
  'assertion',
  'code_verifier',
  'secret',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'private_key',
  'credentials',
  'signature',
  'x-signature',
  'x-hub-signature',
  'x-hub-signature-256',
  'stripe-signature',
  'x-slack-signature',
  'x-twilio-signature',
  'x-webhook-signature',
  'x-shopify-hmac-sha256',
  'x-amz-signature',
  'x-amz-security-token',
];

/** A key ending in one of these is sensitive too: `dbPassword`, `webhook_secret`, `stripeApiKey`. */
export const SENSITIVE_KEY_SUFFIXES: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'apikey',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authtoken',
  'sessiontoken',
  'bearertoken',
  'privatekey',
];

/**
 * Every sensitive name contains one of these stems (a test checks it), so text without any of
 * them skips the name=value patterns: most strings in a payload are names, dates and amounts.
 */
export const SENSITIVE_STEMS =
  /auth|cookie|key|token|secret|pass|pwd|sig|session|jwt|credential|assertion|verifier|hmac/i;

const normalise = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');
const SENSITIVE_NORMALISED = new Set(SENSITIVE_KEY_NAMES.map(normalise));
const keyVerdicts = new Map<string, boolean>();

export function isSensitiveKey(key: string): boolean {
  const known = keyVerdicts.get(key);
  if (known !== undefined) return known;
  const name = normalise(key);
  const verdict =
    SENSITIVE_NORMALISED.has(name) ||
    SENSITIVE_KEY_SUFFIXES.some((suffix) => name.endsWith(suffix));
  if (keyVerdicts.size > 10_000) keyVerdicts.clear();
  keyVerdicts.set(key, verdict);
  return verdict;
}

export interface Redactor {
  /** Registers a secret value to remove from now on (ignored when shorter than 6 characters). */
  addSecret(value: string): void;
  /** A redacted, JSON-shaped deep copy of `value`. */
  redact<T>(value: T): T;
  redactText(text: string): string;
}

export function createRedactor(options: { secrets?: Iterable<string> } = {}): Redactor {
  const secrets = new Set<string>();
  let variants: string[] = [];
  let shortestVariant = Infinity;
  let anyVariant = /$^/g;

  function addSecret(value: string): void {
    if (value.length < MIN_SECRET_LENGTH || secrets.has(value)) return;
    secrets.add(value);
    const all = new Set(variants);
    for (const variant of encodedForms(value)) all.add(variant);
    // Longest first, so a secret that contains another is removed whole.
    variants = [...all].sort((a, b) => b.length - a.length);
    shortestVariant = variants.reduce((min, v) => Math.min(min, v.length), Infinity);
    anyVariant = new RegExp(variants.map(escapeRegExp).join('|'), 'g');
  }

  function removeSecrets(text: string): string {
    if (text.length < shortestVariant) return text;
    if (variants.length <= FEW_VARIANTS) {
      let out = text;
      for (const variant of variants)
        if (out.includes(variant)) out = out.replaceAll(variant, REDACTED);
      return out;
    }
    // With many secrets one alternation scans the text once instead of once per variant.
    anyVariant.lastIndex = 0;
    return anyVariant.test(text) ? text.replace(anyVariant, REDACTED) : text;
  }

  function redactText(text: string): string {
    if (text.length < MIN_SECRET_LENGTH) return text;
    const out = removeSecrets(text);
    return MAY_HOLD_CREDENTIAL.test(out) ? redactPatterns(out) : out;
  }

  function walk(value: unknown, ancestors: object[]): unknown {
    switch (typeof value) {
      case 'string':
        return redactText(value);
      case 'number':
        return Number.isFinite(value) ? value : null;
      case 'boolean':
        return value;
      case 'bigint':
        return value.toString();
      case 'object':
        return value === null ? null : walkObject(value, ancestors);
      default:
        return undefined; // undefined, functions, symbols: JSON leaves them out
    }
  }

  function walkObject(value: object, ancestors: object[]): unknown {
    if (ancestors.includes(value)) return '[Circular]';
    if (ancestors.length >= MAX_DEPTH) return '[Too deep]';
    const proto: unknown = Object.getPrototypeOf(value);
    ancestors.push(value);
    try {
      // Plain objects and arrays first: nearly every payload is made of nothing else.
      if (proto === Object.prototype || proto === null) {
        return typeof (value as { toJSON?: unknown }).toJSON === 'function'
          ? walkOther(value, ancestors)
          : walkRecord(value as Record<string, unknown>, ancestors);
      }
      if (Array.isArray(value)) return walkList(value, ancestors);
      return walkOther(value, ancestors);
    } finally {
      ancestors.pop();
    }
  }

  function walkOther(value: object, ancestors: object[]): unknown {
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      return `[${value.byteLength} bytes]`;
    }
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (value instanceof URL) return redactText(value.href);
    if (value instanceof Error) return walkError(value, ancestors);
    if (value instanceof Set) return walkList([...value], ancestors);
    if (isEntriesLike(value)) return walkEntries(value.entries(), ancestors);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return walk(toJSON.call(value), ancestors);
    return walkRecord(value as Record<string, unknown>, ancestors);
  }

  function walkList(list: readonly unknown[], ancestors: object[]): unknown[] {
    const out = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = walk(list[i], ancestors) ?? null;
    return out;
  }

  function walkRecord(
    record: Record<string, unknown>,
    ancestors: object[],
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) addEntry(out, key, record[key], ancestors);
    return out;
  }

  function walkEntries(
    entries: Iterable<readonly [unknown, unknown]>,
    ancestors: object[],
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) addEntry(out, String(key), item, ancestors);
    return out;
  }

  function addEntry(out: Record<string, unknown>, key: string, item: unknown, ancestors: object[]) {
    const redacted = isSensitiveKey(key) ? hideValue(item) : walk(item, ancestors);
    if (redacted !== undefined) out[removeSecrets(key)] = redacted;
  }

  function walkError(error: Error, ancestors: object[]): Record<string, unknown> {
    const out: Record<string, unknown> = { name: error.name, message: redactText(error.message) };
    for (const key of Object.keys(error))
      addEntry(out, key, (error as unknown as Record<string, unknown>)[key], ancestors);
    if (error.cause !== undefined) out.cause = walk(error.cause, ancestors);
    return out;
  }

  for (const secret of options.secrets ?? []) addSecret(secret);
  return {
    addSecret,
    redact: <T>(value: T): T => walk(value, []) as T,
    redactText,
  };
}

function hideValue(value: unknown): unknown {
  return value === null || value === undefined || typeof value === 'boolean' ? value : REDACTED;
}

interface EntriesLike {
  entries(): Iterable<readonly [unknown, unknown]>;
}

/** Map, Headers, URLSearchParams, FormData: things whose data is in entries(), not own keys. */
function isEntriesLike(value: object): value is EntriesLike {
  if (value instanceof Map) return true;
  const candidate = value as { entries?: unknown; get?: unknown };
  return typeof candidate.entries === 'function' && typeof candidate.get === 'function';
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The forms a secret takes on the wire, each at least MIN_SECRET_LENGTH long. */
function encodedForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  const bytes = Buffer.from(secret, 'utf8');
  // Inside a longer base64 text the secret starts at one of three alignments; keep the
  // characters that depend on the secret alone.
  for (let shift = 0; shift < 3; shift++) {
    const shifted = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const core = shifted.slice(
      Math.ceil((shift * 8) / 6),
      Math.floor(((shift + bytes.length) * 8) / 6),
    );
    forms.add(core);
    forms.add(core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** Cheap test before the pattern pass: every pattern below needs one of these. */
const MAY_HOLD_CREDENTIAL = /[=:]|bearer|basic|token|negotiate/i;
const MAY_HOLD_AUTH_HEADER = /bearer|basic|token|negotiate|authorization|cookie/i;

const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)([^\s/@]+)@/gi;
const HEADER_LINE =
  /(^|[\r\n])([ \t]*(?:proxy-)?authorization|[ \t]*(?:set-)?cookie)([ \t]*:[ \t]*)([^\r\n]*)/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Token|Negotiate)(\s+)([A-Za-z0-9\-._~+/]+=*)/gi;
const QUOTED_PAIR = /(\\*)(["'])([^"'\\\r\n]{1,64})\1\2(\s*:\s*)\1\2((?:\\.|[^\\\r\n])*?)\1\2/g;
const EQUALS_PAIR = /(^|[?&;,\s"'#{(])([A-Za-z_][\w.\-[\]%]{0,63})(=)([^&\s#;,"'<>()]*)/g;
const COLON_PAIR =
  /(^|[\s{,;("'])([A-Za-z_][\w.-]{0,63})(\\*["']?[ \t]*:[ \t]*)((?:(?:Bearer|Basic|Token|Negotiate)[ \t]+)?[^\s,;"'<>{}\\][^\s,;"'<>{}]*)/gi;

/** A credential, not an English word such as "Bearer tokens" or "Basic authentication". */
const looksLikeCredential = (value: string): boolean =>
  value.length >= MIN_SECRET_LENGTH && !/^[A-Za-z][a-z]*$/.test(value);

function sensitiveName(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // keep the name as written
  }
  return isSensitiveKey(decoded);
}

function redactPatterns(text: string): string {
  let out = text;
  if (out.includes('://') && out.includes('@')) out = out.replace(URL_PASSWORD, hideUrlPassword);
  if (MAY_HOLD_AUTH_HEADER.test(out)) {
    out = out.replace(HEADER_LINE, hideHeaderLine).replace(AUTH_SCHEME, hideAuthScheme);
  }
  if (!SENSITIVE_STEMS.test(out)) return out;
  const colon = out.includes(':');
  if (colon && (out.includes('"') || out.includes("'")))
    out = out.replace(QUOTED_PAIR, hideQuotedPair);
  if (out.includes('=')) out = out.replace(EQUALS_PAIR, hideEqualsPair);
  if (colon) out = out.replace(COLON_PAIR, hideColonPair);
  return out;
}

const hideUrlPassword = (_match: string, head: string): string => `${head}${REDACTED}@`;

const hideHeaderLine = (_match: string, start: string, name: string, sep: string): string =>
  `${start}${name}${sep}${REDACTED}`;

const hideAuthScheme = (match: string, scheme: string, space: string, value: string): string =>
  looksLikeCredential(value) ? `${scheme}${space}${REDACTED}` : match;

function hideQuotedPair(
  match: string,
  slashes: string,
  quote: string,
  name: string,
  sep: string,
  value: string,
): string {
  if (value === REDACTED || !sensitiveName(name)) return match;
  const q = `${slashes}${quote}`;
  return `${q}${name}${q}${sep}${q}${REDACTED}${q}`;
}

const hideEqualsPair = (match: string, start: string, name: string, eq: string, value: string) =>
  value !== '' && sensitiveName(name) ? `${start}${name}${eq}${REDACTED}` : match;

const hideColonPair = (match: string, start: string, name: string, sep: string, value: string) =>
  !value.startsWith(REDACTED) && sensitiveName(name) ? `${start}${name}${sep}${REDACTED}` : match;
