import type { DescriptorLookup } from '@shared/connectors/registry';
import type { EngineEvent } from '@shared/events';
import type { ExportResult, ImportInput } from '@shared/transfer/schemas';
import { WORKFLOW_FILE_EXTENSION } from '@shared/workflow/file';
import type { Workflow, WorkflowDefinition } from '@shared/workflow/schema';
import type { Db } from '../db/open';
import type { AuditRepo } from '../db/repos/audit';
import type { ConnectionAliasesRepo } from '../db/repos/connection-aliases';
import type { ConnectionsRepo } from '../db/repos/connections';
import type { WorkflowsRepo } from '../db/repos/workflows';
import type { Clock, Logger } from '../types';
import { exportWorkflows, exportedText } from './export';
import { importWorkflows } from './import';
import { previewImport } from './preview';

export interface TransferDeps {
  db: Db;
  lookup: DescriptorLookup;
  workflows: WorkflowsRepo;
  connections: ConnectionsRepo;
  aliases: ConnectionAliasesRepo;
  audit: AuditRepo;
  clock: Clock;
  logger: Logger;
  emit: (event: EngineEvent) => void;
  checkSavable: (name: string, definition: WorkflowDefinition) => unknown;
  afterSave: (before: Workflow | undefined, saved: Workflow) => void;
}

/** A file name for a workflow: its name in lowercase words, `.switchyard.json`. */
export const workflowFileName = (name: string): string =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'workflow'
  }${WORKFLOW_FILE_EXTENSION}`;

/** Workflow files in and out: the engine side of files:preview, files:import and files:export. */
export function createTransfer(deps: TransferDeps) {
  return {
    preview: (text: string, fileName: string | null) =>
      previewImport(
        {
          lookup: deps.lookup,
          accounts: () => deps.connections.list(),
          existing: (id) => deps.workflows.get(id),
        },
        text,
        fileName,
      ),
    import: (input: ImportInput) => importWorkflows(deps, input),
    export(ids: readonly string[] | 'all', layout: 'single' | 'each'): ExportResult {
      const { files, stripped } = exportWorkflows(deps, ids);
      if (layout === 'each' || files.length <= 1) {
        const used = new Set<string>();
        return {
          files: files.map((file) => {
            let fileName = workflowFileName(file.name);
            if (used.has(fileName)) fileName = workflowFileName(`${file.name} ${file.id}`);
            used.add(fileName);
            return { fileName, text: exportedText([file]) };
          }),
          stripped,
        };
      }
      return {
        files: [{ fileName: `workflows${WORKFLOW_FILE_EXTENSION}`, text: exportedText(files) }],
        stripped,
      };
    },
  };
}

export type Transfer = ReturnType<typeof createTransfer>;
