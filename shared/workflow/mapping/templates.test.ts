import { describe, expect, it } from 'vitest';
import { compileTemplate, renderTemplate, TemplateString } from './templates';

const scope = {
  trigger: { first: 'Ada', count: 3, tags: ['a', 'b'], address: { city: 'London' }, none: null },
};

describe('renderTemplate', () => {
  it('returns the raw value when the template is exactly one reference', () => {
    expect(renderTemplate('{{trigger.count}}', scope)).toBe(3);
    expect(renderTemplate('{{ trigger.address }}', scope)).toEqual({ city: 'London' });
    expect(renderTemplate('{{trigger.missing}}', scope)).toBeUndefined();
  });

  it('interpolates text around references', () => {
    expect(renderTemplate('Hello {{trigger.first}}, you have {{trigger.count}} items', scope)).toBe(
      'Hello Ada, you have 3 items',
    );
  });

  it('writes missing and null values as empty text, and lists and objects as JSON', () => {
    expect(renderTemplate('[{{trigger.missing}}|{{trigger.none}}]', scope)).toBe('[|]');
    expect(renderTemplate('tags: {{trigger.tags}} at {{trigger.address}}', scope)).toBe(
      'tags: ["a","b"] at {"city":"London"}',
    );
  });

  it('returns text without references unchanged', () => {
    expect(renderTemplate('no references }} here', scope)).toBe('no references }} here');
  });

  it('keeps surrounding text when one reference is not the whole template', () => {
    expect(renderTemplate(' {{trigger.count}}', scope)).toBe(' 3');
  });

  it('rejects a reference that is never closed or is not a path', () => {
    expect(() => compileTemplate('Hi {{trigger.first')).toThrow(
      'Invalid template: "{{" at position 3 is never closed',
    );
    expect(() => compileTemplate('Hi {{trigger..first}}')).toThrow(
      'Invalid template: Invalid path "trigger..first": expected a name at position 8',
    );
  });
});

describe('TemplateString', () => {
  it('reports template syntax errors as schema issues', () => {
    expect(TemplateString.safeParse('{{trigger.x}} and {{y').error?.issues[0]?.message).toBe(
      'Invalid template: "{{" at position 18 is never closed',
    );
  });
});
