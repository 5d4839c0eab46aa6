import { describe, expect, it } from 'vitest';
import { RunFilter } from '@shared/runs';
import { EMPTY_FILTER, isFiltered, toRunFilter } from './run-filters';
import { mergeFirstPage } from './merge-pages';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('toRunFilter', () => {
  it('asks for everything, tests included, when nothing is chosen', () => {
    expect(toRunFilter(EMPTY_FILTER, NOW)).toEqual({ includeTests: true });
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
  });

  it('maps every chosen filter to the engine’s field', () => {
    const filter = toRunFilter(
      {
        states: ['failed', 'retrying'],
        workflowId: 'wf-1',
        connectionId: 'google-1',
        range: '24h',
        text: '  ada@example.com ',
        includeTests: false,
      },
      NOW,
    );
    expect(filter).toEqual({
      states: ['failed', 'retrying'],
      workflowId: 'wf-1',
      connectionId: 'google-1',
      from: '2025-05-31T12:00:00.000Z',
      text: 'ada@example.com',
      includeTests: false,
    });
    // What the engine would accept as it is.
    expect(RunFilter.safeParse(filter).success).toBe(true);
  });

  it('counts back from now for each time range', () => {
    const from = (range: '1h' | '7d' | '30d') => toRunFilter({ ...EMPTY_FILTER, range }, NOW).from;
    expect(from('1h')).toBe('2025-06-01T11:00:00.000Z');
    expect(from('7d')).toBe('2025-05-25T12:00:00.000Z');
    expect(from('30d')).toBe('2025-05-02T12:00:00.000Z');
  });

  it('drops blank search text and cuts long text to the engine’s limit', () => {
    expect(toRunFilter({ ...EMPTY_FILTER, text: '   ' }, NOW).text).toBeUndefined();
    expect(isFiltered({ ...EMPTY_FILTER, text: '   ' })).toBe(false);
    const long = toRunFilter({ ...EMPTY_FILTER, text: 'x'.repeat(300) }, NOW);
    expect(long.text).toHaveLength(200);
    expect(RunFilter.safeParse(long).success).toBe(true);
  });
});

describe('mergeFirstPage', () => {
  const r = (id: number, state: 'queued' | 'succeeded' = 'succeeded') =>
    ({ id, state }) as Parameters<typeof mergeFirstPage>[0][number];

  it('puts new runs in front and keeps the older pages already loaded', () => {
    const loaded = [r(5), r(4), r(3), r(2), r(1)];
    const merged = mergeFirstPage(loaded, [r(7), r(6), r(5), r(4)], 4);
    expect(merged.map((x) => x.id)).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('replaces rows the new page covers, so their state is current', () => {
    const merged = mergeFirstPage([r(2, 'queued'), r(1)], [r(2), r(1)], null);
    expect(merged.map((x) => x.state)).toEqual(['succeeded', 'succeeded']);
  });

  it('drops rows that no longer match when the page is the whole list', () => {
    expect(mergeFirstPage([r(3), r(2), r(1)], [r(3)], null).map((x) => x.id)).toEqual([3]);
  });
});
