import { describe, expect, it, vi } from 'vitest';
import type { WorkflowSummary } from '@shared/workflow/schema';
import { api } from '../api/client';
import type * as ApiErrors from '../api/errors';
import { loadRows } from './useHealth';

vi.mock('../api/client', async () => {
  const errors = await vi.importActual<typeof ApiErrors>('../api/errors');
  return { api: { call: vi.fn(), onEvent: vi.fn() }, unwrap: errors.unwrap };
});

const call = vi.mocked(api.call);
const summary = (id: string) =>
  ({ id, name: `Flow ${id}`, state: 'active', stateReason: null }) as unknown as WorkflowSummary;
const stats = (id: string) => ({
  workflowId: id,
  state: 'active',
  total: 1,
  succeeded: 1,
  failed: 0,
  lastError: null,
});

/** Answers stats:workflow per id: the figures, or the error the engine gives for `gone`. */
function answer(errorFor: Record<string, 'not_found' | 'internal'>) {
  call.mockImplementation((async (channel: string, input: { id?: string; workflowId?: string }) => {
    if (channel === 'runs:list') return { ok: true, value: { runs: [], nextCursor: null } };
    const id = input.id!;
    const code = errorFor[id];
    return code
      ? { ok: false, error: { code, message: `${id}: ${code}` } }
      : { ok: true, value: stats(id) };
  }) as unknown as typeof api.call);
}

describe('Health rows', () => {
  it('drops a workflow deleted between the list and its figures instead of failing the page', async () => {
    answer({ b: 'not_found' });
    const rows = await loadRows([summary('a'), summary('b'), summary('c')], '7d');
    expect(rows.map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('still fails on any other error, so the page says it could not load', async () => {
    answer({ b: 'internal' });
    await expect(loadRows([summary('a'), summary('b')], '7d')).rejects.toMatchObject({
      code: 'internal',
    });
  });
});
