import { describe, expect, it } from 'vitest';
import { createHttpApi } from './http-transport';

const workflowSummary = {
  id: 'wf_1',
  name: 'Invoices',
  description: '',
  state: 'draft',
  stateReason: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  stepCount: 0,
};

const answering =
  (status: number, body: string, seen: { url?: string; init?: RequestInit } = {}): typeof fetch =>
  async (url, init) => {
    seen.url = String(url);
    seen.init = init;
    return new Response(body, { status });
  };

describe('the browser-mode API client', () => {
  it('posts the input as JSON to /api/call/<channel> and returns the value', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const api = createHttpApi({
      fetch: answering(200, JSON.stringify({ ok: true, value: [workflowSummary] }), seen),
    });
    const result = await api.call('workflows:list', {});
    expect(result).toEqual({ ok: true, value: [workflowSummary] });
    expect(seen.url).toBe('/api/call/workflows:list');
    expect(seen.init?.method).toBe('POST');
    expect(seen.init?.body).toBe('{}');
  });

  it('passes an error result through with its code and details', async () => {
    const error = {
      code: 'invalid_input',
      message: 'bad',
      details: [{ path: ['name'], message: 'x' }],
    };
    const api = createHttpApi({ fetch: answering(400, JSON.stringify({ ok: false, error })) });
    expect(await api.call('workflows:save', { name: '' })).toEqual({ ok: false, error });
  });

  it('reads a non-JSON 401 (a stale session) as unauthorized', async () => {
    const api = createHttpApi({ fetch: answering(401, '<h1>Not authorised</h1>') });
    const result = await api.call('workflows:list', {});
    expect(result.ok === false && result.error.code).toBe('unauthorized');
  });

  it('says the engine is not reachable when the request fails', async () => {
    const api = createHttpApi({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const result = await api.call('workflows:list', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).toMatch(/not reachable/);
    }
  });

  it('refuses an answer that does not match the contract', async () => {
    const api = createHttpApi({
      fetch: answering(200, JSON.stringify({ ok: true, value: [{ id: 'wf_1' }] })),
    });
    const result = await api.call('workflows:list', {});
    expect(result.ok === false && result.error.code).toBe('internal');
  });

  it('turns an unknown error code into internal, keeping the message', async () => {
    const api = createHttpApi({
      fetch: answering(500, JSON.stringify({ ok: false, error: { code: 'weird', message: 'm' } })),
    });
    expect(await api.call('workflows:list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'm' },
    });
  });
});
