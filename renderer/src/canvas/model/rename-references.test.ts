import { describe, expect, it } from 'vitest';
import { renameReferences } from './rename-references';

const renames = new Map([
  ['action_1', 'action_7'],
  ['mapping_1', 'mapping_3'],
]);

describe('renameReferences', () => {
  it('rewrites {{id…}} in any text, with or without spaces, and leaves other ids alone', () => {
    expect(
      renameReferences(
        { a: '{{action_1.x}} and {{ mapping_1 }} and {{trigger.y}} and {{action_10}}' },
        renames,
      ),
    ).toEqual({ a: '{{action_7.x}} and {{ mapping_3 }} and {{trigger.y}} and {{action_10}}' });
  });

  it('rewrites the head of path sources and of condition rules, not inner names', () => {
    expect(
      renameReferences(
        [
          { kind: 'path', path: 'action_1.items[0].id' },
          { kind: 'path', path: 'trigger.action_1' },
          { left: 'mapping_1', operator: 'exists' },
          { left: '{{mapping_1.a}} {{action_1.b}}', operator: 'equals', right: '{{action_1}}' },
        ],
        renames,
      ),
    ).toEqual([
      { kind: 'path', path: 'action_7.items[0].id' },
      { kind: 'path', path: 'trigger.action_1' },
      { left: 'mapping_3', operator: 'exists' },
      { left: '{{mapping_3.a}} {{action_7.b}}', operator: 'equals', right: '{{action_7}}' },
    ]);
  });

  it('rewrites root names in JSONata expressions, not strings, fields or functions', () => {
    const out = renameReferences(
      {
        kind: 'expression',
        expression: `action_1.total + $sum(mapping_1.items.price) & "action_1" & trigger.action_1`,
      },
      renames,
    );
    expect(out.expression).toBe(
      `action_7.total + $sum(mapping_3.items.price) & "action_1" & trigger.action_1`,
    );
  });
});
