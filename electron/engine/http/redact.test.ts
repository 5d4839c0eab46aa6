import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '@shared/connectors/errors';
import { prepareForLog } from './log-payload';
import {
  createRedactor,
  isSensitiveKey,
  REDACTED,
  SENSITIVE_KEY_NAMES,
  SENSITIVE_KEY_SUFFIXES,
  SENSITIVE_STEMS,
} from './redact';

const SECRET = 'sk_live_51HxQpL2eZvKYlo2C';

describe('known secret values', () => {
  it('are removed from anywhere inside a string', () => {
    const redactor = createRedactor({ secrets: [SECRET] });
    expect(redactor.redactText(`key=${SECRET}; again:${SECRET}!`)).toBe(
      `key=${REDACTED}; again:${REDACTED}!`,
    );
  });

  it('are removed in their URL-encoded, form-encoded, JSON-escaped and base64 forms', () => {
    const secret = 'p@ss w/rd+"quoted"';
    const redactor = createRedactor({ secrets: [secret] });
    const forms = [
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
      Buffer.from(`user:${secret}`).toString('base64'),
      Buffer.from(`xy:${secret}`).toString('base64'),
    ];
    for (const form of forms) {
      const out = redactor.redactText(`before ${form} after`);
      expect(out).toContain(REDACTED);
      expect(out).not.toContain(form);
    }
  });

  it('can be added later, and repeated additions change nothing', () => {
    const redactor = createRedactor();
    expect(redactor.redactText(`x ${SECRET}`)).toBe(`x ${SECRET}`);
    redactor.addSecret(SECRET);
    redactor.addSecret(SECRET);
    expect(redactor.redactText(`x ${SECRET}`)).toBe(`x ${REDACTED}`);
  });

  it('are ignored when shorter than 6 characters, so ordinary words survive', () => {
    const redactor = createRedactor({ secrets: ['abc', 'the', ''] });
    expect(redactor.redactText('the abc of the matter')).toBe('the abc of the matter');
  });

  it('are removed whole when one secret contains another', () => {
    const redactor = createRedactor({ secrets: ['secret-part', 'secret-part-and-more'] });
    expect(redactor.redactText('x secret-part-and-more y')).toBe(`x ${REDACTED} y`);
  });

  it('are all removed when there are many of them', () => {
    const many = Array.from({ length: 50 }, (_, i) => `secret-value-${i}-abcdef`);
    const redactor = createRedactor({ secrets: many });
    const text = many.map((secret) => `[${secret}]`).join(' ');
    expect(redactor.redactText(text)).toBe(many.map(() => `[${REDACTED}]`).join(' '));
    expect(redactor.redactText('nothing here')).toBe('nothing here');
  });

  it('are removed from object keys too', () => {
    const redactor = createRedactor({ secrets: [SECRET] });
    expect(redactor.redact({ [SECRET]: 1 })).toEqual({ [REDACTED]: 1 });
  });
});

describe('sensitive keys', () => {
  it.each([
    'authorization',
    'Authorization',
    'Proxy-Authorization',
    'cookie',
    'Set-Cookie',
    'X-API-Key',
    'api_key',
    'apiKey',
    'token',
    'access_token',
    'refreshToken',
    'id_token',
    'client_secret',
    'secret',
    'password',
    'passwd',
    'private_key',
    'X-Hub-Signature-256',
    'Stripe-Signature',
    'dbPassword',
    'webhook_secret',
    'stripeApiKey',
  ])('redacts the value of %s', (key) => {
    expect(isSensitiveKey(key)).toBe(true);
    expect(createRedactor().redact({ nested: [{ [key]: 'value-1234' }] })).toEqual({
      nested: [{ [key]: REDACTED }],
    });
  });

  it.each(['pageToken', 'nextPageToken', 'syncToken', 'tokens_used', 'name', 'email', 'key'])(
    'keeps the value of %s',
    (key) => {
      expect(isSensitiveKey(key)).toBe(false);
    },
  );

  it('every listed name contains a stem the fast path looks for', () => {
    for (const name of [...SENSITIVE_KEY_NAMES, ...SENSITIVE_KEY_SUFFIXES]) {
      expect(name).toMatch(SENSITIVE_STEMS);
    }
  });

  it('redacts whole objects and numbers under a sensitive key, but keeps null and booleans', () => {
    const out = createRedactor().redact({
      credentials: { user: 'ada', pass: 'x' },
      pin_password: 123456,
      password: null,
      secret: true,
    });
    expect(out).toEqual({
      credentials: REDACTED,
      pin_password: REDACTED,
      password: null,
      secret: true,
    });
  });
});

describe('credentials in free text', () => {
  const redactor = createRedactor();
  it.each([
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig', 'Authorization: [REDACTED]'],
    ['sent Bearer ya29.a0AfH6SMBx and failed', 'sent Bearer [REDACTED] and failed'],
    ['header was Basic dXNlcjpwYXNz', 'header was Basic [REDACTED]'],
    [
      'GitHub wants token ghp_16C7e42F292c6912E7710c838347Ae178B4a',
      'GitHub wants token [REDACTED]',
    ],
    ['Cookie: sid=abc; theme=dark', 'Cookie: [REDACTED]'],
    [
      'https://api.example.com/v1?access_token=abc123&page=2',
      'https://api.example.com/v1?access_token=[REDACTED]&page=2',
    ],
    [
      'GET /cb?code=1&client_secret=shh%21&x=1 failed',
      'GET /cb?code=1&client_secret=[REDACTED]&x=1 failed',
    ],
    [
      'grant_type=refresh_token&refresh_token=1//0gL9&client_id=a',
      'grant_type=refresh_token&refresh_token=[REDACTED]&client_id=a',
    ],
    [
      'postgres://admin:hunter22@db.local:5432/app',
      'postgres://admin:[REDACTED]@db.local:5432/app',
    ],
    ['{"user":"ada","password":"p\\"w d"}', '{"user":"ada","password":"[REDACTED]"}'],
    ['{\\"apiKey\\":\\"k-123456\\"}', '{\\"apiKey\\":\\"[REDACTED]\\"}'],
    ["{'token': 'abc.def'}", "{'token': '[REDACTED]'}"],
    ['{"pin": 1, "password": 7654321}', '{"pin": 1, "password": [REDACTED]}'],
    ['Invalid token: abc.def.ghi', 'Invalid token: [REDACTED]'],
  ])('%s', (text, expected) => {
    expect(redactor.redactText(text)).toBe(expected);
  });

  it.each([
    'Basic authentication failed; Bearer tokens expire hourly.',
    'at 2024-01-01T10:00:00Z, time: 12:30, ratio 3:2',
    'nextPageToken=CURSOR123&pageToken=xyz',
    'https://example.com/a?b=c#d',
    'Token expired',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactor.redactText(text)).toBe(text);
  });
});

describe('the copy redact makes', () => {
  const redactor = createRedactor({ secrets: [SECRET] });

  it('is a deep copy and leaves the original untouched', () => {
    const original = { a: { password: 'x', list: [SECRET] } };
    const copy = redactor.redact(original);
    expect(copy).toEqual({ a: { password: REDACTED, list: [REDACTED] } });
    expect(original.a.password).toBe('x');
    expect(original.a.list[0]).toBe(SECRET);
  });

  it('marks cycles instead of looping, and copies shared references twice', () => {
    const shared = { n: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    expect(redactor.redact(cyclic)).toEqual({
      shared: { n: 1 },
      again: { n: 1 },
      self: '[Circular]',
    });
  });

  it('keeps an error’s name, message and code, redacted, with its cause', () => {
    const error = Object.assign(new Error(`bad key ${SECRET}`), {
      code: 'E_AUTH',
      cause: new Error('Bearer abcdef123456 refused'),
    });
    expect(redactor.redact({ error })).toEqual({
      error: {
        name: 'Error',
        message: `bad key ${REDACTED}`,
        code: 'E_AUTH',
        cause: { name: 'Error', message: `Bearer ${REDACTED} refused` },
      },
    });
    const connectorError = new ConnectorError('forbidden', `no ${SECRET}`, { status: 403 });
    expect(redactor.redact(connectorError)).toMatchObject({
      name: 'ConnectorError',
      code: 'forbidden',
      message: `no ${REDACTED}`,
      status: 403,
      retryable: false,
    });
  });

  it('turns Headers and Maps into objects, with their sensitive entries redacted', () => {
    const headers = new Headers({ Authorization: 'Bearer x', 'X-Trace': `t ${SECRET}` });
    expect(redactor.redact(headers)).toEqual({
      authorization: REDACTED,
      'x-trace': `t ${REDACTED}`,
    });
    expect(
      redactor.redact(
        new Map<unknown, unknown>([
          ['cookie', 'a=b'],
          [1, 'one'],
        ]),
      ),
    ).toEqual({
      cookie: REDACTED,
      '1': 'one',
    });
    expect(redactor.redact(new URLSearchParams('api_key=zzz&q=1'))).toEqual({
      api_key: REDACTED,
      q: '1',
    });
  });

  it('shows bytes as their length, never their content', () => {
    expect(
      redactor.redact({
        buffer: Buffer.from(SECRET),
        bytes: new Uint8Array(3),
        raw: new ArrayBuffer(4),
      }),
    ).toEqual({ buffer: '[25 bytes]', bytes: '[3 bytes]', raw: '[4 bytes]' });
  });

  it('is JSON-shaped: dates as ISO text, bigints as text, no undefined or functions', () => {
    const out = redactor.redact({
      at: new Date('2025-01-02T03:04:05Z'),
      big: 12n,
      nan: Number.NaN,
      skip: undefined,
      fn: () => 1,
      list: [undefined, 1],
      set: new Set(['a']),
      url: new URL(`https://x.test/?token=${SECRET}`),
    });
    expect(out).toEqual({
      at: '2025-01-02T03:04:05.000Z',
      big: '12',
      nan: null,
      list: [null, 1],
      set: ['a'],
      url: `https://x.test/?token=${REDACTED}`,
    });
  });
});

/** JSON with the secret planted in random places: values, keys, inside text, encoded. */
function jsonWithSecret(secret: string): fc.Arbitrary<unknown> {
  const planted = fc.oneof(
    fc.constant(secret),
    fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a}${secret}${b}`),
    fc.constant(`Bearer ${secret}`),
    fc.constant(`https://api.test/x?sig=${encodeURIComponent(secret)}`),
    fc.constant(Buffer.from(`user:${secret}`).toString('base64')),
    fc.constant(JSON.stringify({ nested: secret })),
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 2 }),
      planted,
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string(), planted), tie('tree'), { maxKeys: 4 }),
      tie('tree').map((inner) => new Map([['wrapped', inner]])),
      planted.map((message) => new Error(message)),
    ),
  }));
  return tree;
}

describe('the property', () => {
  it('no registered secret survives redaction and log preparation, wherever it is planted', () => {
    const secretArb = fc.stringMatching(/^[A-Za-z0-9_\-.~]{12,40}$/);
    fc.assert(
      fc.property(
        secretArb.chain((secret) => fc.tuple(fc.constant(secret), jsonWithSecret(secret))),
        ([secret, value]) => {
          const redactor = createRedactor({ secrets: [secret] });
          const out = JSON.stringify(prepareForLog(value, { redactor, maxBytes: 4096 }));
          expect(out).not.toContain(secret);
          expect(out).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12));
          expect(redactor.redactText(String(JSON.stringify(value)))).not.toContain(secret);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the value under a sensitive key never survives, at any depth', () => {
    const hidden = 'unregistered-value-8f3a9c';
    const sensitive = fc.constantFrom('password', 'Authorization', 'client_secret', 'X-Api-Key');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.nat({ max: 3 })), { maxLength: 6 }),
        sensitive,
        (path, key) => {
          let value: unknown = { [key]: hidden };
          for (const step of path) value = typeof step === 'number' ? [value] : { [step]: value };
          const out = JSON.stringify(createRedactor().redact(value));
          expect(out).not.toContain(hidden);
        },
      ),
    );
  });
});
