import { describe, expect, it } from 'vitest';
import { WorkflowDefinition } from '../workflow/schema';
import { ScheduleConfig } from '../workflow/schedule-config';
import { validateWorkflow } from '../workflow/validate';
import { descriptors } from './registry';
import { scheduleConnector } from './schedule';

const trigger = scheduleConnector.triggers[0]!;

describe('the schedule connector', () => {
  it('is in the palette with one schedule trigger, "every", that needs no account', () => {
    expect(descriptors.connector('schedule')).toBe(scheduleConnector);
    expect(descriptors.trigger('schedule', 'every')).toMatchObject({ kind: 'schedule' });
    expect(scheduleConnector.auth).toEqual(['none']);
  });

  it('gives the inspector a hint for every field of every mode, in order', () => {
    const fields = new Set(ScheduleConfig.options.flatMap((mode) => Object.keys(mode.shape)));
    expect(new Set(trigger.ui.order)).toEqual(fields);
    for (const field of fields) expect(trigger.ui.fields[field]?.label).toBeTruthy();
  });

  it('offers every mode in the mode select', () => {
    const options = trigger.ui.fields.mode?.options;
    const values = options?.kind === 'static' ? options.options.map((o) => o.value) : [];
    expect(values).toEqual(ScheduleConfig.options.map((mode) => mode.shape.mode.value));
  });

  it('makes an invalid cron expression an incomplete workflow, at its field', () => {
    const definition = WorkflowDefinition.parse({
      trigger: {
        id: 'trigger',
        type: 'trigger',
        connector: 'schedule',
        operation: 'every',
        position: { x: 0, y: 0 },
        config: { mode: 'cron', cron: '0 9 * * 8', zone: 'Europe/Berlin' },
      },
      steps: [],
      edges: [],
    });
    expect(validateWorkflow(definition, descriptors)).toEqual([
      expect.objectContaining({
        severity: 'incomplete',
        nodeId: 'trigger',
        field: 'config.cron',
        message: expect.stringMatching(/^"0 9 \* \* 8" is not a valid cron expression/),
      }),
    ]);
  });

  it('has a sample item with the scheduled and the actual time', () => {
    expect(trigger.sample).toEqual({
      scheduledFor: expect.any(String),
      firedAt: expect.any(String),
    });
  });
});
