import { describe, expect, it } from 'vitest';
import { createDescriptorLookup } from '@shared/connectors/registry';
import { WorkflowDefinition, type WorkflowDefinitionInput } from '@shared/workflow/schema';
import type { RunDetail } from '@shared/runs';
import { sampleScope } from './sample-scope';
import { upstreamNodes } from './upstream';

const lookup = createDescriptorLookup();
const pos = { x: 0, y: 0 };
const definition = (sample: Record<string, unknown>) =>
  WorkflowDefinition.parse({
    trigger: {
      id: 'trigger',
      type: 'trigger',
      connector: 'manual',
      operation: 'start',
      config: { sample },
      position: pos,
    },
    steps: [
      {
        id: 'contact',
        type: 'mapping',
        position: pos,
        mapping: {
          fields: [
            {
              target: 'email',
              source: { kind: 'path', path: 'trigger.email' },
              transforms: [{ op: 'uppercase' }],
            },
          ],
        },
      },
      {
        id: 'record',
        type: 'action',
        connector: 'debug',
        operation: 'record',
        config: {},
        position: pos,
      },
    ],
    edges: [
      { id: 'a', source: 'trigger', target: 'contact' },
      { id: 'b', source: 'contact', target: 'record' },
    ],
  } satisfies WorkflowDefinitionInput);

describe('sampleScope', () => {
  it('uses the manual trigger’s own sample item and computes mapping steps with the shared code', () => {
    const { scope, origins } = sampleScope(definition({ email: 'ada@example.com' }), null, lookup);
    expect(scope.trigger).toEqual({ email: 'ada@example.com' });
    expect(origins.trigger).toBe('config');
    expect(scope.contact).toEqual({ email: 'ADA@EXAMPLE.COM' });
    expect(origins.contact).toBe('computed');
    expect(scope.record).toEqual({ received: { email: 'ada@example.com' } });
    expect(origins.record).toBe('sample');
  });

  it('falls back to the connector’s example when the sample item is empty', () => {
    const { scope, origins } = sampleScope(definition({}), null, lookup);
    expect(scope.trigger).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(origins.trigger).toBe('sample');
  });

  it('prefers what the last test run saw, taking each step’s latest attempt', () => {
    const step = (attempt: number, output: unknown) => ({
      stepId: 'contact',
      attempt,
      state: 'succeeded' as const,
      input: null,
      output,
      error: null,
      idempotencyKey: null,
      startedAt: '',
      finishedAt: null,
      durationMs: null,
    });
    const run = {
      triggerData: { email: 'grace@example.com' },
      steps: [step(2, { email: 'B' }), step(1, { email: 'A' })],
    };
    const { scope, origins } = sampleScope(
      definition({ email: 'x' }),
      run as unknown as RunDetail,
      lookup,
    );
    expect(scope.trigger).toEqual({ email: 'grace@example.com' });
    expect(scope.contact).toEqual({ email: 'B' });
    expect(origins.contact).toBe('last_run');
  });
});

describe('upstreamNodes', () => {
  it('lists the steps that run before a node, the nearest first', () => {
    const sources = upstreamNodes(definition({}), 'record', lookup);
    expect(sources.map((s) => s.id)).toEqual(['contact', 'trigger']);
    expect(upstreamNodes(definition({}), 'trigger', lookup)).toEqual([]);
  });
});
