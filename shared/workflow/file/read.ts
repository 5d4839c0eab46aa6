import type { z } from 'zod';
import {
  MAX_WORKFLOW_FILE_BYTES,
  MAX_WORKFLOW_FILE_DEPTH,
  WORKFLOW_FILE_SCHEMA,
  WorkflowBundle,
  WorkflowFile,
} from './format';
import { jsonPath, summariseIssues, type FileErrorCode, type FileIssue } from './issues';
import { migrateWorkflowFile } from './migrate';

export type ReadWorkflowFileResult =
  | {
      ok: true;
      /** A file of one workflow, or a bundle of several. */
      kind: 'workflow' | 'bundle';
      workflows: WorkflowFile[];
      /** The schema the file was written in, when it was older and has been migrated. */
      migratedFrom: number | null;
    }
  | { ok: false; code: FileErrorCode; message: string; issues: FileIssue[] };

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Reads the text of a `*.switchyard.json` file: size cap, JSON, nesting depth, schema version
 * (older migrated, newer refused), then the zod schema. Never throws on any input.
 */
export function readWorkflowFile(
  text: string,
  options: { fileName?: string | null; maxBytes?: number } = {},
): ReadWorkflowFileResult {
  const file = options.fileName ?? null;
  const maxBytes = options.maxBytes ?? MAX_WORKFLOW_FILE_BYTES;
  const fail = (code: FileErrorCode, issues: FileIssue[]): ReadWorkflowFileResult => ({
    ok: false,
    code,
    message: summariseIssues(issues),
    issues,
  });
  const whole = (message: string): FileIssue[] => [{ file, path: '$', nodeId: null, message }];

  // Characters never outnumber UTF-8 bytes, so a long string is refused before it is encoded.
  const bytes = text.length > maxBytes ? text.length : new TextEncoder().encode(text).length;
  if (bytes > maxBytes) {
    const size = text.length > maxBytes ? `over ${megabytes(maxBytes)}` : megabytes(bytes);
    return fail(
      'file_too_large',
      whole(`The file is ${size}; a workflow file may be at most ${megabytes(maxBytes)}.`),
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('invalid_file', whole(`The file is not valid JSON: ${reason}`));
  }
  const deep = tooDeep(value);
  if (deep) {
    return fail('invalid_file', [
      {
        file,
        path: jsonPath(deep),
        nodeId: null,
        message: `nests deeper than ${MAX_WORKFLOW_FILE_DEPTH} levels`,
      },
    ]);
  }
  if (!isObject(value)) {
    return fail('invalid_file', whole('A workflow file is a JSON object, starting with "schema".'));
  }

  const issues: FileIssue[] = [];
  let migratedFrom: number | null = null;
  const lift = (raw: unknown, at: PropertyKey[]): unknown => {
    const version = versionOf(raw);
    if (typeof version === 'string') {
      issues.push({ file, path: jsonPath([...at, 'schema']), nodeId: null, message: version });
      return raw;
    }
    if (version > WORKFLOW_FILE_SCHEMA) {
      newer = Math.max(newer, version);
      return raw;
    }
    if (version < WORKFLOW_FILE_SCHEMA) {
      migratedFrom = Math.min(migratedFrom ?? version, version);
      return migrateWorkflowFile(raw as JsonObject, version);
    }
    return raw;
  };
  let newer = 0;

  const isBundle = Array.isArray(value.workflows);
  let lifted: unknown;
  if (isBundle) {
    const outer = versionOf({ ...value, definition: undefined });
    if (typeof outer === 'string') {
      issues.push({ file, path: '$.schema', nodeId: null, message: outer });
    } else if (outer > WORKFLOW_FILE_SCHEMA) newer = outer;
    lifted = {
      ...value,
      schema:
        typeof outer === 'number' && outer < WORKFLOW_FILE_SCHEMA
          ? WORKFLOW_FILE_SCHEMA
          : value.schema,
      workflows: (value.workflows as unknown[]).map((entry, i) => lift(entry, ['workflows', i])),
    };
  } else {
    lifted = lift(value, []);
  }
  if (newer > 0) {
    return fail('file_newer_schema', [
      {
        file,
        path: '$.schema',
        nodeId: null,
        message: `This file was written by a newer Switchyard (workflow file schema ${newer}); this version reads schema ${WORKFLOW_FILE_SCHEMA} and older. Update Switchyard to import it.`,
      },
    ]);
  }
  if (issues.length > 0) return fail('invalid_file', issues);

  const schema: z.ZodType = isBundle ? WorkflowBundle : WorkflowFile;
  const parsed = schema.safeParse(lifted);
  if (!parsed.success) {
    return fail(
      'invalid_file',
      parsed.error.issues.map((issue) => ({
        file,
        path: jsonPath(issue.path),
        nodeId: nodeIdAt(lifted, issue.path),
        message: issue.message,
      })),
    );
  }
  return isBundle
    ? {
        ok: true,
        kind: 'bundle',
        workflows: (parsed.data as WorkflowBundle).workflows,
        migratedFrom,
      }
    : { ok: true, kind: 'workflow', workflows: [parsed.data as WorkflowFile], migratedFrom };
}

/** The schema version a file declares, or why it has none usable. */
function versionOf(raw: unknown): number | string {
  if (!isObject(raw)) return 'must be a workflow: a JSON object';
  if (!Object.hasOwn(raw, 'schema')) {
    // The API's workflow record (schema 0) has a definition instead of a schema number.
    if (isObject(raw.definition)) return 0;
    return `is missing: a workflow file starts with "schema": ${WORKFLOW_FILE_SCHEMA}`;
  }
  const version = raw.schema;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return `must be a whole number (this Switchyard writes ${WORKFLOW_FILE_SCHEMA}), not ${JSON.stringify(version)?.slice(0, 40)}`;
  }
  return version;
}

/** The id of the node a zod issue path points into: the trigger, or a step by its position. */
function nodeIdAt(root: unknown, path: readonly PropertyKey[]): string | null {
  let at: unknown = root;
  let rest = path;
  if (rest[0] === 'workflows' && typeof rest[1] === 'number') {
    at = isObject(at) && Array.isArray(at.workflows) ? at.workflows[rest[1]] : undefined;
    rest = rest.slice(2);
  }
  if (rest[0] === 'trigger') return 'trigger';
  if (
    rest[0] === 'steps' &&
    typeof rest[1] === 'number' &&
    isObject(at) &&
    Array.isArray(at.steps)
  ) {
    const step: unknown = at.steps[rest[1]];
    return isObject(step) && typeof step.id === 'string' ? step.id.slice(0, 64) : null;
  }
  return null;
}

/** The path of the first value nested deeper than the limit, found without recursion. */
function tooDeep(root: unknown): PropertyKey[] | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_WORKFLOW_FILE_DEPTH) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return null;
}
