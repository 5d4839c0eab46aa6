import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_MAX_BYTES, logJson, prepareForLog } from './log-payload';
import { createRedactor, REDACTED } from './redact';

const redactor = createRedactor({ secrets: ['tok_0123456789'] });

describe('prepareForLog', () => {
  it('returns a small payload redacted and otherwise whole', () => {
    const value = { row: { name: 'Ada', token: 'abc' }, note: 'uses tok_0123456789', n: 3 };
    expect(prepareForLog(value, { redactor })).toEqual({
      row: { name: 'Ada', token: REDACTED },
      note: `uses ${REDACTED}`,
      n: 3,
    });
  });

  it('returns something JSON can carry for anything it is given', () => {
    expect(prepareForLog(undefined, { redactor })).toBeNull();
    expect(prepareForLog(() => 1, { redactor })).toBeNull();
    expect(prepareForLog(Number.POSITIVE_INFINITY, { redactor })).toBeNull();
    expect(prepareForLog(10n, { redactor })).toBe('10');
    expect(prepareForLog(new Uint8Array(5), { redactor })).toBe('[5 bytes]');
    const value = { when: new Date(0), skip: undefined, list: [undefined] };
    const prepared = prepareForLog(value, { redactor });
    expect(JSON.parse(JSON.stringify(prepared))).toEqual(prepared);
  });

  it('replaces a payload whose JSON is over the limit with the documented marker', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ i, text: 'x'.repeat(40) }));
    const prepared = prepareForLog(rows, { redactor });
    const originalBytes = Buffer.byteLength(JSON.stringify(rows));
    expect(originalBytes).toBeGreaterThan(DEFAULT_LOG_MAX_BYTES);
    expect(prepared).toEqual({
      __truncated: true,
      originalBytes,
      preview: JSON.stringify(rows).slice(0, 1024),
    });
  });

  it('counts bytes, not characters, against the limit', () => {
    const text = 'é'.repeat(60); // 120 bytes of UTF-8
    expect(prepareForLog(text, { redactor, maxBytes: 200 })).toBe(text);
    expect(prepareForLog(text, { redactor, maxBytes: 100 })).toMatchObject({
      __truncated: true,
      originalBytes: 122,
    });
  });

  it('takes the preview from the redacted JSON, and never cuts a surrogate pair', () => {
    const value = { token: 'visible?', emoji: '😀'.repeat(100) };
    const head = `{"token":"${REDACTED}","emoji":"`;
    const preview = (previewChars: number) =>
      (prepareForLog(value, { redactor, maxBytes: 100, previewChars }) as { preview: string })
        .preview;
    expect(preview(head.length + 2)).toBe(`${head}😀`);
    expect(preview(head.length + 1)).toBe(head);
  });
});

describe('logJson', () => {
  it('gives the same result as prepareForLog, serialised once', () => {
    const redactor = createRedactor({ secrets: ['s3cr3t-value'] });
    const small = { a: 1, token: 'x', note: 'has s3cr3t-value inside' };
    expect(logJson(small, { redactor })).toEqual({
      json: JSON.stringify(prepareForLog(small, { redactor })),
      truncated: false,
    });
    const big = { blob: 'y'.repeat(100_000) };
    const cut = logJson(big, { redactor, maxBytes: 1000 });
    expect(cut.truncated).toBe(true);
    expect(JSON.parse(cut.json)).toEqual(prepareForLog(big, { redactor, maxBytes: 1000 }));
  });
});
