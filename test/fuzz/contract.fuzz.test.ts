import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNELS, contract, type Channel } from '../../shared/ipc/contract';
import { createEngine, type EngineInternals } from '../../electron/engine';
import { createKeyFileKeyring } from '../../electron/engine/secrets/keyfile-keyring';
import { startLoopbackServer, type LoopbackServer } from '../../electron/engine/server/http-server';
import type { Logger } from '../../electron/engine/types';
import { chain, debugStep, manualTrigger } from '../support/workflows';
import {
  fuzzRuns,
  fuzzSeed,
  fuzzTimeout,
  prototypeSnapshot,
  turnEventLoop,
  watchLoopTurns,
} from './runs';

/**
 * Every contract channel with random and mutated inputs, through the real engine's invoke and
 * the real browser-mode HTTP bridge. A call may succeed or be refused; a refusal always carries
 * a code and a message; nothing crashes, hangs, or fails as `internal` (a handler that threw).
 */
const runs = fuzzRuns();
const params = { numRuns: runs, seed: fuzzSeed() };
const TOKEN = 'fuzz-token-0123456789abcdefghij';
const CALL_TIMEOUT_MS = 5_000;

let dataDir: string;
let engine: EngineInternals;
let server: LoopbackServer;
let workflowId: string;
const loggedErrors: unknown[] = [];
const logger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error: (message, fields) => loggedErrors.push({ message, fields }),
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchyard-fuzz-'));
  engine = createEngine({ dataDir, keyring: createKeyFileKeyring(dataDir), logger });
  const staticDir = join(dataDir, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Switchyard</title>');
  server = await startLoopbackServer({ engine, staticDir, token: TOKEN, port: 0, logger });
  const saved = await engine.invoke('workflows:save', {
    name: 'Fuzz target',
    definition: chain(manualTrigger({ n: 1 }), [debugStep('record')]),
  });
  if (!saved.ok) throw new Error(saved.error.message);
  workflowId = (saved.value as { id: string }).id;
});

afterAll(async () => {
  await server?.close();
  engine?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The top-level keys a channel's input object declares, so random inputs look almost right. */
function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

const oddValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    '__proto__',
    'constructor',
    -1,
    0,
    1e308,
    Number.NaN,
    null,
    [],
    {},
    'x'.repeat(70_000),
    '\u0000',
    '../../etc/passwd',
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
);
const likelyId = fc.oneof(oddValue, fc.constant('wf-missing'), fc.constant(1));

/** Inputs for a channel: anything at all, or its own keys with odd values (ids sometimes real). */
function inputFor(channel: Channel): fc.Arbitrary<unknown> {
  const keys = keysOf(contract[channel].input as z.ZodType);
  const shaped =
    keys.length === 0
      ? fc.constant({})
      : fc.dictionary(
          fc.oneof(fc.constantFrom(...keys), fc.constantFrom('__proto__', 'constructor', 'extra')),
          fc.oneof(oddValue, likelyId, fc.constant('REAL_WORKFLOW_ID')),
          { maxKeys: keys.length + 1 },
        );
  return fc.oneof(
    fc.anything({ maxDepth: 3 }),
    shaped,
    fc.constant(undefined),
    fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
  );
}

const withRealIds = (input: unknown): unknown =>
  JSON.parse(JSON.stringify(input ?? null).replaceAll('"REAL_WORKFLOW_ID"', `"${workflowId}"`));

/** One call as a real caller makes it: in a loop round of its own, with a deadline from now. */
async function invokeWithDeadline(channel: string, input: unknown) {
  await turnEventLoop();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'hang'>((done) => {
    timer = setTimeout(() => done('hang'), CALL_TIMEOUT_MS);
  });
  try {
    return await Promise.race([engine.invoke(channel, input), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function expectWellFormed(channel: string, input: unknown, result: unknown): void {
  const where = `${channel} ${JSON.stringify(input)?.slice(0, 300)}`;
  expect(result, `hung: ${where}`).not.toBe('hang');
  const r = result as { ok: boolean; error?: { code?: unknown; message?: unknown } };
  expect(typeof r.ok, where).toBe('boolean');
  if (r.ok) return;
  expect(typeof r.error?.code, where).toBe('string');
  expect(typeof r.error?.message, where).toBe('string');
  expect((r.error!.message as string).length, where).toBeGreaterThan(0);
  expect(r.error!.code, `a handler threw: ${where}: ${String(r.error!.message)}`).not.toBe(
    'internal',
  );
}

const pristine = prototypeSnapshot();

describe('the contract under random and mutated input, through invoke', () => {
  it.each(CHANNELS)(
    '%s answers every input with a value or a coded error',
    async (channel) => {
      const loopTurned = watchLoopTurns();
      await fc.assert(
        fc.asyncProperty(inputFor(channel), async (raw) => {
          const input = withRealIds(raw);
          expectWellFormed(channel, input, await invokeWithDeadline(channel, input));
          expect(prototypeSnapshot()).toBe(pristine);
        }),
        params,
      );
      expect(loggedErrors).toEqual([]);
      expect(loopTurned(), 'the cases never let the event loop turn (issue 13)').toBe(true);
    },
    fuzzTimeout(runs, 10),
  );

  it('refuses unknown channels with a code and a message', async () => {
    const loopTurned = watchLoopTurns();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
        ),
        async (name) => {
          fc.pre(!CHANNELS.includes(name as Channel));
          const result = await invokeWithDeadline(name, {});
          expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
        },
      ),
      params,
    );
    expect(loopTurned(), 'the cases never let the event loop turn (issue 13)').toBe(true);
  });
});

interface Reply {
  status: number;
  body: string;
}

function send(path: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method: 'POST', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.setTimeout(CALL_TIMEOUT_MS, () => req.destroy(new Error('the bridge did not answer')));
    req.on('error', reject);
    req.end(body);
  });
}

describe('the HTTP bridge under random requests', () => {
  const goodHeaders = () => ({
    host: `127.0.0.1:${server.port}`,
    origin: `http://127.0.0.1:${server.port}`,
    authorization: `Bearer ${TOKEN}`,
    'content-type': 'application/json',
  });

  it(
    'answers random bodies on every channel with JSON carrying a code and a message',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CHANNELS),
          fc.oneof(
            fc.anything({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? '')),
            fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
            fc.string().map((s) => Buffer.from(s)),
          ),
          async (channel, body) => {
            const reply = await send(`/api/call/${channel}`, goodHeaders(), body);
            expect(reply.status, reply.body).toBeLessThan(500);
            const parsed = JSON.parse(reply.body) as {
              ok: boolean;
              error?: { code: string; message: string };
            };
            if (!parsed.ok) {
              expect(parsed.error?.code).toMatch(/^[a-z_]+$/);
              expect(parsed.error?.message.length).toBeGreaterThan(0);
            }
          },
        ),
        params,
      );
    },
    fuzzTimeout(runs, 10),
  );

  it(
    'refuses any request missing its token, or with a foreign Host or Origin',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CHANNELS),
          fc.record({
            host: fc.oneof(
              fc.constant(`127.0.0.1:${server.port}`),
              fc.constantFrom(
                'evil.example',
                `evil.example:${server.port}`,
                '127.0.0.1',
                `127.0.0.1.nip.io:${server.port}`,
              ),
            ),
            origin: fc.option(
              fc.constantFrom(
                `http://127.0.0.1:${server.port}`,
                'http://evil.example',
                'null',
                `https://127.0.0.1:${server.port}`,
              ),
            ),
            token: fc.option(fc.oneof(fc.constant(TOKEN), fc.string(), fc.constant(TOKEN + 'x'))),
          }),
          async (channel, mutation) => {
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            headers.host = mutation.host;
            if (mutation.origin !== null) headers.origin = mutation.origin;
            if (mutation.token !== null) headers.authorization = `Bearer ${mutation.token}`;
            const allowed =
              mutation.host === `127.0.0.1:${server.port}` &&
              (mutation.origin === null || mutation.origin === `http://127.0.0.1:${server.port}`) &&
              mutation.token === TOKEN;
            const reply = await send(`/api/call/${channel}`, headers, Buffer.from('{}'));
            const parsed = JSON.parse(reply.body) as { ok: boolean; error?: { code: string } };
            if (allowed) expect([200, 400, 404, 409]).toContain(reply.status);
            else {
              expect([401, 403]).toContain(reply.status);
              expect(parsed.error?.code).toMatch(/^(unauthorized|forbidden_origin)$/);
            }
          },
        ),
        params,
      );
    },
    fuzzTimeout(runs, 10),
  );
});
