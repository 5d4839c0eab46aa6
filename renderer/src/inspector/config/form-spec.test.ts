import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scheduleConnector } from '@shared/connectors/schedule';
import { configIssues, describeConfig, isFieldVisible } from './form-spec';

describe('describeConfig', () => {
  it('draws a field typed text-or-list as text when its hint says so', () => {
    const schema = z.object({ to: z.union([z.string(), z.array(z.string())]) });
    expect(describeConfig(schema, { order: [], fields: {} }).fields[0]?.kind).toBe('json');
    const hinted = describeConfig(schema, {
      order: [],
      fields: { to: { label: 'To', widget: 'text', mappable: true } },
    });
    expect(hinted.fields[0]).toMatchObject({ kind: 'text', mappable: true, required: true });
  });

  it('reads each field’s kind from the zod schema and the descriptor’s hints', () => {
    const schema = z.object({
      name: z.string(),
      body: z.string().optional(),
      size: z.number().int().optional(),
      colour: z.enum(['red', 'blue']),
      tags: z.array(z.enum(['a', 'b'])).optional(),
      on: z.boolean().default(true),
      token: z.string().meta({ writeOnly: true }),
      data: z.unknown().optional(),
      when: z.iso.datetime().optional(),
      day: z.iso.date().optional(),
      cron: z.string().meta({ format: 'cron' }).optional(),
      sheet: z.string(),
    });
    const form = describeConfig(schema, {
      order: ['sheet', 'name'],
      fields: {
        body: { label: 'Body', widget: 'textarea', advanced: true },
        sheet: { label: 'Sheet', options: { kind: 'dynamic', source: 'sheets', dependsOn: [] } },
      },
    });
    expect(form.fields.map((f) => [f.key, f.kind])).toEqual([
      ['sheet', 'dynamic'],
      ['name', 'text'],
      ['body', 'textarea'],
      ['size', 'number'],
      ['colour', 'select'],
      ['tags', 'multiselect'],
      ['on', 'toggle'],
      ['token', 'secret'],
      ['data', 'json'],
      ['when', 'datetime'],
      ['day', 'date'],
      ['cron', 'cron'],
    ]);
    const byKey = Object.fromEntries(form.fields.map((f) => [f.key, f]));
    expect(byKey.name!.required).toBe(true);
    expect(byKey.body!.required).toBe(false);
    expect(byKey.body!.advanced).toBe(true);
    expect(byKey.on!.defaultValue).toBe(true);
    expect(byKey.size!.label).toBe('Size');
  });

  it('turns a discriminated union into one form whose fields follow the chosen variant', () => {
    const trigger = scheduleConnector.triggers[0]!;
    const form = describeConfig(trigger.config, trigger.ui);
    expect(form.discriminator).toBe('mode');
    expect(form.fields[0]).toMatchObject({ key: 'mode', kind: 'select', required: true });
    expect(form.fields[0]!.options!.map((o) => o.label)).toContain('Every week');
    const visible = (mode: string) =>
      form.fields.filter((f) => isFieldVisible(f, { mode }, form)).map((f) => f.key);
    expect(visible('weekly')).toEqual(['mode', 'time', 'weekdays', 'zone']);
    expect(visible('cron')).toEqual(['mode', 'cron', 'zone']);
    expect(form.fields.find((f) => f.key === 'weekdays')!.kind).toBe('multiselect');
  });
});

describe('configIssues', () => {
  it('gives one message per field and leaves {{references}} to run time', () => {
    const schema = z.object({ count: z.number(), email: z.email(), when: z.iso.date() });
    const issues = configIssues(schema, { email: 'nope', when: '{{trigger.date}}' });
    expect(issues.get('count')).toBe('Required');
    expect(issues.get('email')).toMatch(/email/i);
    expect(issues.has('when')).toBe(false);
  });
});
