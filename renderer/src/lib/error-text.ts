import { z } from 'zod';
import { describeError } from '@shared/errors';
import { toApiError } from '../api/errors';

const Issue = z.object({
  path: z.union([z.array(z.union([z.string(), z.number()])), z.string()]).optional(),
  message: z.string(),
});
const Issues = z.union([
  z.array(Issue),
  z.object({ issues: z.array(Issue) }).transform((d) => d.issues),
]);

export interface FieldIssue {
  /** The top-level field the issue is about, or null when it names none. */
  field: string | null;
  message: string;
}

/** The zod issues an invalid_input error carries in `details`, if it carries any. */
export function fieldIssues(details: unknown): FieldIssue[] {
  const parsed = Issues.safeParse(details);
  if (!parsed.success) return [];
  return parsed.data.map((issue) => {
    const path = typeof issue.path === 'string' ? issue.path.split('.') : (issue.path ?? []);
    const first = path[0];
    return { field: first === undefined ? null : String(first), message: issue.message };
  });
}

export interface ErrorText {
  /** The sentence for the error's code, written once in shared/errors/codes.ts. */
  summary: string;
  /** The specifics the engine added, when they say more than the summary. */
  detail: string | null;
  issues: string[];
}

export function errorText(error: unknown): ErrorText {
  const apiError = toApiError(error);
  // The client's own internal errors ("engine not reachable") say more than the generic sentence.
  if (
    apiError.code === 'internal' &&
    apiError.message &&
    apiError.message !== describeError('internal')
  ) {
    return { summary: apiError.message, detail: null, issues: [] };
  }
  const summary = describeError(apiError.code);
  const detail = apiError.message && apiError.message !== summary ? apiError.message : null;
  const issues = fieldIssues(apiError.details).map(({ field, message }) =>
    field ? `${field}: ${message}` : message,
  );
  return { summary, detail, issues };
}

/** "must not be empty" → "Name must not be empty."; a message that is already a sentence stays. */
export function asSentence(subject: string, message: string): string {
  const text = /^[a-z]/.test(message) ? `${subject} ${message}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
