import { kindsForConnector, connectionKind } from '@shared/connections/registry';
import type { DescriptorLookup } from '@shared/connectors/registry';
import { UserError } from '@shared/errors';
import type { ConnectionSummary } from '@shared/ipc/contract';
import type { ImportPreview, RequiredConnectionPreview } from '@shared/transfer/schemas';
import {
  checkWorkflowFiles,
  missingConnectors,
  readWorkflowFile,
  type WorkflowFile,
} from '@shared/workflow/file';
import type { WorkflowNode } from '@shared/workflow/schema';

export interface ReadImport {
  kind: 'workflow' | 'bundle';
  workflows: WorkflowFile[];
  migratedFrom: number | null;
}

/** Reads the file as import does, or refuses it with the reader's located message. */
export function readImportFile(
  text: string,
  fileName: string | null,
  maxBytes?: number,
): ReadImport {
  const read = readWorkflowFile(text, { fileName, maxBytes });
  if (!read.ok) throw new UserError(read.code, read.message, { issues: read.issues });
  return read;
}

const nodesOf = (workflow: WorkflowFile): WorkflowNode[] => [
  ...(workflow.trigger ? [workflow.trigger] : []),
  ...workflow.steps,
];

/**
 * Every alias the file's workflows use, once (a bundle shares its aliases), with the accounts on
 * this machine each could be bound to: those whose kind every node using the alias accepts.
 */
export function requiredConnections(
  workflows: readonly WorkflowFile[],
  lookup: DescriptorLookup,
  accounts: readonly ConnectionSummary[],
): RequiredConnectionPreview[] {
  const byAlias = new Map<string, RequiredConnectionPreview>();
  for (const workflow of workflows) {
    for (const [alias, { kind }] of Object.entries(workflow.connections)) {
      if (!byAlias.has(alias)) {
        byAlias.set(alias, {
          alias,
          kind,
          kindName: connectionKind(kind)?.name ?? lookup.connector(kind)?.name ?? kind,
          accepts: [],
          usedBy: [],
          candidates: [],
          suggested: null,
        });
      }
    }
    for (const node of nodesOf(workflow)) {
      if (!('connector' in node) || node.connection === null) continue;
      byAlias.get(node.connection)?.usedBy.push({ workflowId: workflow.id, nodeId: node.id });
    }
  }
  for (const entry of byAlias.values()) {
    let accepts: string[] | null = null;
    for (const { workflowId, nodeId } of entry.usedBy) {
      const node = nodesOf(workflows.find((w) => w.id === workflowId)!).find(
        (n) => n.id === nodeId,
      );
      const connector = node && 'connector' in node ? lookup.connector(node.connector) : undefined;
      if (!connector) continue;
      const kinds = kindsForConnector(connector);
      accepts = accepts === null ? [...kinds] : accepts.filter((k) => kinds.includes(k));
    }
    entry.accepts = accepts ?? [entry.kind];
    const exact = accounts.filter((a) => a.kind === entry.kind);
    entry.candidates = [
      ...exact,
      ...accounts.filter((a) => a.kind !== entry.kind && entry.accepts.includes(a.kind)),
    ]
      .filter((a) => entry.accepts.includes(a.kind))
      .map(({ id, name, kind, account, status }) => ({ id, name, kind, account, status }));
    entry.suggested =
      exact.length === 1 && entry.accepts.includes(entry.kind)
        ? exact[0]!.id
        : entry.candidates.length === 1
          ? entry.candidates[0]!.id
          : null;
  }
  return [...byAlias.values()];
}

export interface PreviewDeps {
  lookup: DescriptorLookup;
  accounts: () => ConnectionSummary[];
  existing: (id: string) => { name: string; state: string } | undefined;
}

/** What a file holds and what importing it needs; it changes nothing. */
export function previewImport(
  deps: PreviewDeps,
  text: string,
  fileName: string | null,
): ImportPreview {
  const read = readImportFile(text, fileName);
  const { lookup } = deps;
  return {
    fileName,
    kind: read.kind,
    migratedFrom: read.migratedFrom,
    workflows: read.workflows.map((w) => {
      const existing = deps.existing(w.id);
      return {
        id: w.id,
        name: w.name,
        description: w.description,
        nodeCount: nodesOf(w).length,
        connectors: [
          ...new Set(
            nodesOf(w).flatMap((n) =>
              'connector' in n ? [lookup.connector(n.connector)?.name ?? n.connector] : [],
            ),
          ),
        ],
        existing: existing ? { name: existing.name, state: existing.state } : null,
      };
    }),
    connections: requiredConnections(read.workflows, lookup, deps.accounts()),
    missingConnectors: missingConnectors(read.workflows, lookup),
    problems: checkWorkflowFiles(read.workflows, { kind: read.kind, fileName, lookup }),
  };
}
