import { describe, expect, it } from 'vitest';
import { WorkflowDefinition } from '@shared/workflow/schema';
import { neighbour } from './navigation';

const delay = (id: string, x: number, y: number) => ({
  id,
  type: 'delay' as const,
  position: { x, y },
  delay: { seconds: 60 },
});

const def = WorkflowDefinition.parse({
  trigger: {
    id: 'trigger',
    type: 'trigger',
    connector: 'manual',
    operation: 'start',
    position: { x: 0, y: 100 },
  },
  steps: [
    delay('a', 300, 100),
    delay('up', 600, 0),
    delay('down', 600, 200),
    delay('loose', 0, 600),
  ],
  edges: [
    { id: '1', source: 'trigger', target: 'a' },
    { id: '2', source: 'a', target: 'down' },
    { id: '3', source: 'a', target: 'up' },
  ],
});

describe('keyboard navigation between nodes', () => {
  it('starts at the trigger', () => {
    expect(neighbour(def, null, 'right')).toBe('trigger');
  });

  it('follows edges right and left', () => {
    expect(neighbour(def, 'trigger', 'right')).toBe('a');
    expect(neighbour(def, 'a', 'left')).toBe('trigger');
    expect(neighbour(def, 'a', 'right')).toBe('up');
    expect(neighbour(def, 'up', 'left')).toBe('a');
  });

  it('moves between siblings up and down', () => {
    expect(neighbour(def, 'up', 'down')).toBe('down');
    expect(neighbour(def, 'down', 'up')).toBe('up');
  });

  it('goes to the nearest node that way when no edge leads there', () => {
    expect(neighbour(def, 'trigger', 'down')).toBe('loose');
    expect(neighbour(def, 'loose', 'up')).toBe('trigger');
    expect(neighbour(def, 'down', 'right')).toBeNull();
  });
});
