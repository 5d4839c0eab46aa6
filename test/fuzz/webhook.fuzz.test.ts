import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { useHookWorld } from '../support/hook-world';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from './runs';

/**
 * Random and mutated requests through the real hooks server (loopback HTTP, real database): every
 * answer is a status the server means, every refusal carries a code and a message, every
 * accepted request is exactly one stored run, and forged or replayed deliveries store nothing.
 */
const world = useHookWorld();
const runs = fuzzRuns();
const params = { numRuns: runs, seed: fuzzSeed() };

const hook = (config: Record<string, unknown>) => ({
  connector: 'webhook_in',
  operation: 'receive',
  config,
});

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '',
  'application/json; charset=latin1',
  'Application/JSON',
];

const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,20}$/);
// Visible ASCII without leading/trailing space, as fetch accepts in a header value.
const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,60}[!-~])?$/);

const body = fc.oneof(
  fc.json().map((text) => Buffer.from(text)),
  fc.string({ maxLength: 300 }).map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc
    .dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 5 })
    .map((fields) => Buffer.from(new URLSearchParams(fields).toString())),
  fc
    .constantFrom('{', '[1,', '{"a":', 'null', '"x"', '{"__proto__":{"polluted":1}}')
    .map(Buffer.from),
);

interface Answer {
  status: number;
  json: unknown;
}

async function send(
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: Buffer },
): Promise<Answer> {
  const res = await fetch(url, { method: init.method ?? 'POST', ...init });
  const text = await res.text();
  try {
    return { status: res.status, json: JSON.parse(text) as unknown };
  } catch {
    return { status: res.status, json: text };
  }
}

function expectCodedRefusal(answer: Answer, statuses: number[]) {
  expect(statuses, JSON.stringify(answer)).toContain(answer.status);
  const { error, code } = answer.json as { error?: unknown; code?: unknown };
  expect(code, JSON.stringify(answer.json)).toMatch(/^[a-z_]+$/);
  expect(typeof error).toBe('string');
  expect((error as string).length).toBeGreaterThan(5);
}

describe('webhook fuzz through the hooks server', () => {
  it(
    'answers random bodies, content types and headers with a stored run or a coded refusal',
    async () => {
      const w = await world();
      const flow = await w.workflow(hook({ verification: 'none' }));
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(
          body,
          fc.constantFrom(...CONTENT_TYPES),
          fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
          fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'GET', 'DELETE'),
          async (payload, contentType, extra, method) => {
            const headers: Record<string, string> = { ...extra };
            if (contentType) headers['content-type'] = contentType;
            const answer = await send(flow.url, {
              method,
              headers,
              body: method === 'GET' ? undefined : payload,
            });
            if (answer.status === 202) {
              accepted++;
              const runId = (answer.json as { runId?: unknown }).runId;
              expect(typeof runId).toBe('number');
            } else {
              expectCodedRefusal(answer, [400, 405, 413, 415]);
            }
          },
        ),
        params,
      );
      // Each accepted request is exactly one run: none lost, none doubled.
      expect(w.runsOf(flow.id)).toHaveLength(accepted);
      expect(accepted).toBeGreaterThan(runs / 10);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    fuzzTimeout(runs, 30),
  );

  it(
    'stores a signed delivery once and refuses every forged or replayed one',
    async () => {
      const w = await world();
      const flow = await w.workflow(hook({ verification: 'standard' }));
      const { secret } = await w.call<{ secret: string }>('triggers:secret', {
        workflowId: flow.id,
        action: 'generate',
      });
      const signer = new Webhook(secret);
      const delivered = new Set<string>();
      let seq = 0;
      const mutation = fc.constantFrom(
        'none',
        'none',
        'replay',
        'body',
        'signature',
        'timestamp',
        'drop-signature',
        'drop-id',
        'other-secret',
      );
      await fc.assert(
        fc.asyncProperty(mutation, fc.json(), fc.nat(255), async (how, json, flip) => {
          const replay = how === 'replay' && delivered.size > 0;
          const id = replay ? [...delivered][0]! : `msg_${++seq}`;
          const at = new Date();
          const payload = Buffer.from(json);
          const signWith = how === 'other-secret' ? new Webhook('whsec_' + 'A'.repeat(32)) : signer;
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            'webhook-id': id,
            'webhook-timestamp': String(
              Math.floor(at.getTime() / 1000) - (how === 'timestamp' ? 3600 : 0),
            ),
            'webhook-signature': signWith.sign(id, at, payload.toString()),
          };
          let sent = payload;
          if (how === 'body') {
            sent = Buffer.from(payload);
            sent[flip % sent.length] = (sent[flip % sent.length]! + 1 + (flip % 200)) % 256;
          }
          if (how === 'signature') headers['webhook-signature'] = `v1,${'A'.repeat(43)}=`;
          if (how === 'drop-signature') delete headers['webhook-signature'];
          if (how === 'drop-id') delete headers['webhook-id'];
          const answer = await send(flow.url, { headers, body: sent });
          const genuine = how === 'none' || how === 'replay';
          if (genuine && !replay) {
            expect(answer.status, JSON.stringify(answer.json)).toBe(202);
            delivered.add(id);
          } else if (replay) {
            // A repeated delivery is acknowledged (so the sender stops) but stores nothing new.
            expect([200, 202, 409]).toContain(answer.status);
          } else {
            expectCodedRefusal(answer, [400, 401]);
          }
        }),
        params,
      );
      const stored = w.runsOf(flow.id).map((r) => r.itemId);
      expect(stored.sort()).toEqual([...delivered].sort());
    },
    fuzzTimeout(runs, 30),
  );
});
