import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { descriptors } from '@shared/connectors/registry';
import { UserError } from '@shared/errors';
import {
  MAX_WORKFLOW_FILE_BYTES,
  checkWorkflowFiles,
  formatIssue,
  readWorkflowFile,
  type FileIssue,
} from '@shared/workflow/file';

export interface ValidateReport {
  ok: boolean;
  file: string;
  workflows: { id: string; name: string; steps: number }[];
  issues: FileIssue[];
}

/** Checks a workflow file as import would (format, schema, graph, connectors), touching no data. */
export function validateFile(path: string): ValidateReport {
  const file = basename(path);
  let text: string;
  try {
    if (statSync(path).size > MAX_WORKFLOW_FILE_BYTES) {
      return {
        ok: false,
        file,
        workflows: [],
        issues: [
          {
            file,
            path: '$',
            nodeId: null,
            message: `The file is larger than ${MAX_WORKFLOW_FILE_BYTES / 1024 / 1024} MB, the limit for a workflow file.`,
          },
        ],
      };
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError('not_found', `Cannot read ${path}: ${(error as Error).message}`);
  }
  const read = readWorkflowFile(text, { fileName: file });
  if (!read.ok) return { ok: false, file, workflows: [], issues: read.issues };
  const issues = checkWorkflowFiles(read.workflows, {
    kind: read.kind,
    fileName: file,
    lookup: descriptors,
  });
  return {
    ok: issues.length === 0,
    file,
    workflows: read.workflows.map((w) => ({
      id: w.id,
      name: w.name,
      steps: w.steps.length + (w.trigger ? 1 : 0),
    })),
    issues,
  };
}

export const describeReport = (report: ValidateReport): string =>
  report.ok
    ? report.workflows
        .map((w) => `${report.file}: ok — "${w.name}" (${w.id}), ${w.steps} nodes\n`)
        .join('')
    : report.issues.map((issue) => `${formatIssue(issue)}\n`).join('');
