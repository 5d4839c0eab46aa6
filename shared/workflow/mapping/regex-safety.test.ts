import { describe, expect, it } from 'vitest';
import { nestedRepetition } from './regex-safety';

describe('nestedRepetition', () => {
  it.each(['(a+)+', '(\\w*)*', '(a{2,})+', '((a?a?)?)*', '(?:[a-z]+\\d?)*$', '(x(ab)+)*'])(
    'finds the repeated group that repeats inside in %s',
    (source) => expect(nestedRepetition(source)).toBeDefined(),
  );

  it.each(['[^0-9]', 'a+b+c*', '(ab)+', '(\\d{3})-(\\d{4})', '[(+*]+', '\\(a+\\)+', '(a+)?'])(
    'lets %s through',
    (source) => expect(nestedRepetition(source)).toBeUndefined(),
  );

  it('names the part to rewrite', () => {
    expect(nestedRepetition('^x(a+)+$')).toBe('(a+)+');
  });
});
