import { z } from 'zod';
import { WorkflowFileOrBundle, WORKFLOW_FILE_SCHEMA } from './format';

/** Where the published JSON Schema lives in the repo (a test keeps it up to date). */
export const JSON_SCHEMA_PATH = 'resources/schema/workflow-file.schema.json';

/** The JSON Schema of `*.switchyard.json`, generated from the zod schema that import uses. */
export function workflowFileJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(WorkflowFileOrBundle, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    reused: 'ref',
  });
  return {
    ...generated,
    $id: `https://switchyard.app/schema/workflow-file-${WORKFLOW_FILE_SCHEMA}.json`,
    title: 'Switchyard workflow file',
    description:
      'One workflow, or several under "workflows". Written by Switchyard in canonical form; never holds secrets or machine state.',
  };
}

export const serializeJsonSchema = (): string =>
  `${JSON.stringify(workflowFileJsonSchema(), null, 2)}\n`;
