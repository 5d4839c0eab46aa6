import { z } from 'zod';
import { ConnectorErrorCode } from './errors';
import type { ConnectorDescriptor } from './types';

/** Started by the operator (or a test run) with a sample item; the item becomes `{{trigger…}}`. */
export const manualConnector: ConnectorDescriptor = {
  id: 'manual',
  name: 'Manual',
  category: 'builtin',
  icon: 'play',
  description: 'Start the workflow yourself, with an item you type or paste.',
  auth: ['none'],
  triggers: [
    {
      id: 'start',
      kind: 'manual',
      name: 'Run manually',
      description: 'Runs when you press Run, with the sample item as its data.',
      config: z.object({
        sample: z
          .record(z.string(), z.unknown())
          .default({})
          .describe('The item a run starts with'),
      }),
      ui: {
        order: ['sample'],
        fields: {
          sample: {
            label: 'Sample item',
            widget: 'json',
            help: 'A JSON object. Later steps refer to its fields as {{trigger.field}}.',
          },
        },
      },
      sample: { email: 'ada@example.com', name: 'Ada Lovelace' },
    },
  ],
  actions: [],
};

export const DebugConfig = z.object({
  /** What to record; usually references such as `{{mapping.email}}`. */
  record: z.unknown().optional(),
  /** Fail with this error code instead of recording (to try retries, holds and pauses). */
  failWith: ConnectorErrorCode.optional(),
  /** Fail only the first N attempts of each run, then succeed; absent = always. */
  failTimes: z.number().int().min(1).max(100).optional(),
  /** Sent back as Retry-After with failures that allow one. */
  retryAfterMs: z.number().int().min(0).max(86_400_000).optional(),
});
export type DebugConfig = z.infer<typeof DebugConfig>;

/** Records what it receives; the step's output is exactly that, so every run can be inspected. */
export const debugConnector: ConnectorDescriptor = {
  id: 'debug',
  name: 'Debug',
  category: 'developer',
  icon: 'bug',
  description: 'Records what it receives, and can fail on purpose to try out retries.',
  auth: ['none'],
  triggers: [],
  actions: [
    {
      id: 'record',
      name: 'Record data',
      description: 'Keeps the data it receives in the run log; sends nothing anywhere.',
      sideEffects: true,
      idempotent: true,
      config: DebugConfig,
      ui: {
        order: ['record', 'failWith', 'failTimes', 'retryAfterMs'],
        fields: {
          record: { label: 'Data to record', widget: 'json', mappable: true },
          failWith: {
            label: 'Fail with error',
            widget: 'select',
            help: 'Makes the step fail with this error, to see what Switchyard does.',
            options: {
              kind: 'static',
              options: ConnectorErrorCode.options.map((code) => ({ value: code, label: code })),
            },
            advanced: true,
          },
          failTimes: { label: 'Fail only the first attempts', widget: 'number', advanced: true },
          retryAfterMs: { label: 'Retry-After (ms)', widget: 'number', advanced: true },
        },
      },
      sample: { received: { email: 'ada@example.com' } },
    },
  ],
};
