import { describe, expect, it } from 'vitest';
import { nextUntitledName } from './untitled-name';

describe('nextUntitledName', () => {
  it('uses the plain name when it is free', () => {
    expect(nextUntitledName(['Invoices'])).toBe('Untitled workflow');
  });

  it('numbers from 2 when the plain name is taken', () => {
    expect(nextUntitledName(['Untitled workflow'])).toBe('Untitled workflow 2');
  });

  it('takes the first free number', () => {
    const taken = [
      'Untitled workflow',
      'Untitled workflow 2',
      'untitled workflow 3',
      'Untitled workflow 5',
    ];
    expect(nextUntitledName(taken)).toBe('Untitled workflow 4');
  });
});
