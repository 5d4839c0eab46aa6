import { describe, expect, it } from 'vitest';
import { findReferences, referencedNodeIds } from './references';

describe('findReferences', () => {
  it('finds {{references}} in nested config strings, with where they are', () => {
    const config = {
      to: '{{trigger.email}}',
      body: { lines: ['Order {{lookup.items[0].id}} for {{ trigger["first name"] }}'] },
    };
    expect(findReferences(config)).toEqual([
      { nodeId: 'trigger', path: ['to'], expression: 'trigger.email' },
      { nodeId: 'lookup', path: ['body', 'lines', 0], expression: 'lookup.items[0].id' },
      { nodeId: 'trigger', path: ['body', 'lines', 0], expression: 'trigger["first name"]' },
    ]);
  });

  it('reads the node id of path sources from their first segment', () => {
    const mapping = {
      fields: [{ target: 'id', source: { kind: 'path', path: 'lookup.items[0].id' } }],
    };
    expect(findReferences(mapping)).toEqual([
      { nodeId: 'lookup', path: ['fields', 0, 'source', 'path'], expression: 'lookup.items[0].id' },
    ]);
  });

  it('finds the nodes a JSONata expression reads from the scope, not names inside its steps', () => {
    const source = {
      kind: 'expression',
      expression: '$sum(lookup.items[price > $$.settings.min].price) & trigger.name',
    };
    expect(findReferences(source)).toEqual([
      { nodeId: 'lookup', path: ['expression'], expression: 'lookup.items.price' },
      { nodeId: 'settings', path: ['expression'], expression: 'settings.min' },
      { nodeId: 'trigger', path: ['expression'], expression: 'trigger.name' },
    ]);
  });

  it('does not take JSONata variables ($, $x, function parameters) for nodes', () => {
    const source = {
      kind: 'expression',
      expression: '($n := 2; $map(trigger.items, function($i){ $i.price * $n }))',
    };
    expect(referencedNodeIds(source)).toEqual(['trigger']);
    expect(findReferences('{{$now}} and {{$.x}}')).toEqual([]);
  });

  it('reads the left side of condition rules as a path, or as a template when it has {{…}}', () => {
    const condition = {
      combinator: 'all',
      rules: [
        { left: 'trigger.email', operator: 'contains', right: '{{lookup.domain}}' },
        { left: '{{check.first}} {{check.last}}', operator: 'is_not_empty' },
      ],
    };
    expect(findReferences(condition).map((r) => [r.nodeId, r.path.join('.')])).toEqual([
      ['trigger', 'rules.0.left'],
      ['lookup', 'rules.0.right'],
      ['check', 'rules.1.left'],
      ['check', 'rules.1.left'],
    ]);
  });

  it('skips text that does not parse (the schemas report it)', () => {
    expect(
      findReferences({ a: 'Hi {{trigger.', b: { kind: 'expression', expression: '(' } }),
    ).toEqual([]);
  });
});

describe('referencedNodeIds', () => {
  it('lists each node once, in order of first appearance', () => {
    expect(referencedNodeIds(['{{b.x}}', '{{a.y}} {{b.z}}', { kind: 'path', path: 'c' }])).toEqual([
      'b',
      'a',
      'c',
    ]);
  });
});
