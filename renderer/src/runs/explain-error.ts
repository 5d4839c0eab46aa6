import { z } from 'zod';
import { describeConnectorError, ConnectorErrorCode } from '@shared/connectors/errors';
import { describeError } from '@shared/errors';

/** What the operator can do about a failed step; the UI turns it into a button. */
export type FixAction = 'reconnect' | 'open_workflow' | 'replay' | 'none';

export interface ErrorExplanation {
  /** The sentence for the code: what it means and what happens next. */
  sentence: string;
  /** The concrete next step, from the error's specifics when it names them. */
  fix: string;
  action: FixAction;
}

export interface ExplainableError {
  code: string;
  message: string;
  details?: Record<string, unknown> | undefined;
  step?: string | null | undefined;
}

const MappingProblems = z.object({
  problems: z.array(z.object({ field: z.string(), message: z.string() })).min(1),
});
const ConfigIssues = z.object({
  issues: z
    .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
    .min(1),
});

/** Lower-cases the first letter and drops the final full stop: the text goes mid-sentence. */
const lower = (text: string) =>
  text.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()).replace(/[.!?]+$/, '');

/** "Fix mapping: field email is required" — the first problem a mapping or config reported. */
function fieldFix(details: unknown, stepLabel: string): string | null {
  const mapping = MappingProblems.safeParse(details);
  if (mapping.success) {
    const { field, message } = mapping.data.problems[0]!;
    return `Fix mapping: field ${field} ${lower(message)}`;
  }
  const config = ConfigIssues.safeParse(details);
  if (config.success) {
    const { path, message } = config.data.issues[0]!;
    return `Fix ${stepLabel}: field ${path.join('.') || 'config'} ${lower(message)}`;
  }
  return null;
}

/**
 * A failed step in plain language: what the code means (the sentences of
 * shared/connectors/errors.ts), and the one thing to do about it.
 */
export function explainError(error: ExplainableError, stepName?: string): ErrorExplanation {
  const stepLabel = stepName
    ? `step “${stepName}”`
    : error.step
      ? `step “${error.step}”`
      : 'the step';
  const connector = ConnectorErrorCode.safeParse(error.code);
  if (!connector.success) {
    return {
      sentence: describeError(error.code),
      fix: 'Open the run to see the details.',
      action: 'none',
    };
  }
  const sentence = describeConnectorError(connector.data);
  switch (connector.data) {
    case 'auth_expired':
      return { sentence, fix: 'Reconnect the account', action: 'reconnect' };
    case 'forbidden':
      return {
        sentence,
        fix: 'Reconnect the account with the access Switchyard asks for',
        action: 'reconnect',
      };
    case 'invalid_input':
      return {
        sentence,
        fix: fieldFix(error.details, stepLabel) ?? `Fix ${stepLabel}: ${lower(error.message)}`,
        action: 'open_workflow',
      };
    case 'not_found':
      return { sentence, fix: `Check the fields of ${stepLabel}`, action: 'open_workflow' };
    case 'conflict':
      return { sentence, fix: 'Replay the run once the change is settled', action: 'replay' };
    case 'unexpected_response':
      return { sentence, fix: 'Read the step’s output below, then replay', action: 'replay' };
    case 'cancelled':
      return { sentence, fix: 'Replay the run if it should still happen', action: 'replay' };
    default:
      return { sentence, fix: 'Replay the run if retries ran out', action: 'replay' };
  }
}
