import { z } from 'zod';
import { MAX_WORKFLOW_FILE_BYTES } from '../workflow/file/format';
import { WorkflowId } from '../workflow/schema';

/**
 * The contract of workflow files between the renderer and the engine: preview a file, import it
 * with the operator's choices, export workflows. The file travels as text; the engine reads it.
 */

/** Longer text is refused by the reader with the 5 MB message; this only bounds hostile input. */
const FileText = z.string().max(MAX_WORKFLOW_FILE_BYTES * 2, 'is far larger than 5 MB');
const FileName = z.string().max(255).nullable().default(null);

export const FileIssueSchema = z.object({
  file: z.string().nullable(),
  path: z.string(),
  nodeId: z.string().nullable(),
  message: z.string(),
});

export const ClashChoice = z.enum(['replace', 'keep_both', 'skip']);
export type ClashChoice = z.infer<typeof ClashChoice>;

export const ImportCandidate = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  account: z.string().nullable(),
  status: z.string(),
});

/** One alias the file's nodes use, with the accounts on this machine it can be bound to. */
export const RequiredConnectionPreview = z.object({
  alias: z.string(),
  kind: z.string(),
  /** The kind's name as the app shows it ("SMTP server"), or the kind id. */
  kindName: z.string(),
  /** Every kind the nodes using the alias accept (a bound account must be one of these). */
  accepts: z.array(z.string()),
  usedBy: z.array(z.object({ workflowId: z.string(), nodeId: z.string() })),
  candidates: z.array(ImportCandidate),
  /** The account import binds when the operator says nothing (the only one of the exact kind). */
  suggested: z.string().nullable(),
});
export type RequiredConnectionPreview = z.infer<typeof RequiredConnectionPreview>;

export const ImportPreview = z.object({
  fileName: z.string().nullable(),
  kind: z.enum(['workflow', 'bundle']),
  migratedFrom: z.number().int().nullable(),
  workflows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      nodeCount: z.number().int(),
      /** Connector names in the order the nodes use them (trigger first). */
      connectors: z.array(z.string()),
      /** The stored workflow with the same id: import must replace it, keep both, or skip. */
      existing: z.object({ name: z.string(), state: z.string() }).nullable(),
    }),
  ),
  connections: z.array(RequiredConnectionPreview),
  /** Connectors the file needs that this Switchyard does not have. */
  missingConnectors: z.array(z.object({ id: z.string(), name: z.string(), message: z.string() })),
  /** What stops the import (missing connectors, steps that could never run), located. */
  problems: z.array(FileIssueSchema),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const PreviewImportInput = z.object({ text: FileText, fileName: FileName }).strict();

export const ImportInput = z
  .object({
    text: FileText,
    fileName: FileName,
    /** Alias → connection id; an alias left out takes the preview's suggestion, null leaves it unbound. */
    bindings: z.record(z.string().max(64), z.string().min(1).max(64).nullable()).default({}),
    /** Workflow id (as in the file) → what to do when one with that id is already stored. */
    onClash: z.record(z.string().max(64), ClashChoice).default({}),
  })
  .strict();
export type ImportInput = z.infer<typeof ImportInput>;

export const ImportResult = z.object({
  imported: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** The id in the file (differs from `id` when both were kept). */
      fileId: z.string(),
      action: z.enum(['created', 'replaced', 'kept_both']),
    }),
  ),
  skipped: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Aliases left without an account: their nodes need one before the workflow can be enabled. */
  unbound: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ExportInput = z
  .object({
    ids: z.union([z.array(WorkflowId).min(1).max(500), z.literal('all')]),
    /** One file holding every workflow, or one file each. */
    layout: z.enum(['single', 'each']).default('single'),
  })
  .strict();

export const ExportResult = z.object({
  files: z.array(z.object({ fileName: z.string(), text: z.string() })),
  /** Config values left out or masked because they held secrets; set them again after import. */
  stripped: z.array(
    z.object({
      workflowId: z.string(),
      nodeId: z.string(),
      field: z.string(),
      reason: z.enum(['secret_field', 'holds_secret_value']),
    }),
  ),
});
export type ExportResult = z.infer<typeof ExportResult>;
