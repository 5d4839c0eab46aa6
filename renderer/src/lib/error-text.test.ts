import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { asSentence, errorText, fieldIssues } from './error-text';

describe('error text', () => {
  it('reads zod issues from details, with the field they are about', () => {
    expect(fieldIssues([{ path: ['publicBaseUrl'], message: 'must be a URL' }])).toEqual([
      { field: 'publicBaseUrl', message: 'must be a URL' },
    ]);
    expect(fieldIssues({ issues: [{ path: [], message: 'x' }] })).toEqual([
      { field: null, message: 'x' },
    ]);
    expect(fieldIssues('nothing')).toEqual([]);
  });

  it('uses the sentence for the code and adds the specifics', () => {
    const text = errorText(new ApiError('not_found', 'Workflow wf_1 does not exist'));
    expect(text.summary).toBe('The item no longer exists.');
    expect(text.detail).toBe('Workflow wf_1 does not exist');
  });

  it('makes a sentence of a message fragment', () => {
    expect(asSentence('Name', 'must not be empty')).toBe('Name must not be empty.');
    expect(asSentence('Name', 'Invalid URL')).toBe('Invalid URL.');
  });
});
