import type { DescriptorLookup } from '@shared/connectors/registry';
import { UserError } from '@shared/errors';
import type { EngineEvent } from '@shared/events';
import type { ImportInput, ImportResult } from '@shared/transfer/schemas';
import {
  checkWorkflowFiles,
  missingConnectors,
  summariseIssues,
  type WorkflowFile,
} from '@shared/workflow/file';
import type { Workflow, WorkflowDefinition, WorkflowNode } from '@shared/workflow/schema';
import type { Db } from '../db/open';
import type { AuditRepo } from '../db/repos/audit';
import type { ConnectionAliasesRepo } from '../db/repos/connection-aliases';
import type { ConnectionsRepo } from '../db/repos/connections';
import type { WorkflowsRepo } from '../db/repos/workflows';
import type { Clock } from '../types';
import { readImportFile, requiredConnections } from './preview';

export interface ImportDeps {
  db: Db;
  lookup: DescriptorLookup;
  workflows: WorkflowsRepo;
  connections: Pick<ConnectionsRepo, 'get' | 'list'>;
  aliases: ConnectionAliasesRepo;
  audit: AuditRepo;
  clock: Clock;
  emit: (event: EngineEvent) => void;
  /** The editor's own check: refuses a definition that could never run as drawn. */
  checkSavable: (name: string, definition: WorkflowDefinition) => unknown;
  /** After a save: trigger state and webhook/form addresses follow the new definition. */
  afterSave: (before: Workflow | undefined, saved: Workflow) => void;
  maxBytes?: number;
}

type Action = ImportResult['imported'][number]['action'];

/**
 * Imports the workflows of a file with the operator's choices: each alias bound to an account
 * (or left unbound), each id clash replaced, kept beside (new id) or skipped. Everything is
 * checked first and stored in one transaction, so a refusal leaves the database as it was.
 * Imported workflows arrive disabled.
 */
export function importWorkflows(deps: ImportDeps, input: ImportInput): ImportResult {
  const fileName = input.fileName ?? null;
  const read = readImportFile(input.text, fileName, deps.maxBytes);
  const problems = checkWorkflowFiles(read.workflows, {
    kind: read.kind,
    fileName,
    lookup: deps.lookup,
  });
  if (problems.length > 0) {
    const missing = missingConnectors(read.workflows, deps.lookup).length > 0;
    throw new UserError(missing ? 'missing_connector' : 'invalid_file', summariseIssues(problems), {
      issues: problems,
    });
  }

  const bound = bindConnections(deps, read.workflows, input.bindings);
  const plan = read.workflows.map((file) => {
    const existing = deps.workflows.get(file.id);
    const choice = existing ? input.onClash[file.id] : undefined;
    if (existing && !choice) {
      throw new UserError(
        'conflict',
        `A workflow with id "${file.id}" ("${existing.name}") is already here: choose replace, keep both or skip.`,
        { clashes: [file.id] },
      );
    }
    return { file, existing, choice };
  });

  const now = deps.clock.now();
  const imported: ImportResult['imported'] = [];
  const saved: Workflow[] = [];
  deps.db
    .transaction(() => {
      for (const { file, existing, choice } of plan) {
        if (choice === 'skip') continue;
        const definition = definitionOf(file, bound.ids);
        const keepBoth = choice === 'keep_both';
        const name = keepBoth ? copyName(file.name) : file.name;
        deps.checkSavable(name, definition);
        const workflow = deps.workflows.save(
          {
            ...(keepBoth ? {} : { id: file.id }),
            name,
            description: file.description,
            definition,
          },
          now,
        );
        deps.workflows.setState(workflow.id, 'disabled');
        const after = deps.workflows.get(workflow.id)!;
        deps.afterSave(keepBoth ? undefined : existing, after);
        deps.aliases.set(workflow.id, aliasesOf(file, bound.ids));
        const action: Action = keepBoth ? 'kept_both' : existing ? 'replaced' : 'created';
        deps.audit.record(
          'files:import',
          {
            target: workflow.id,
            detail: { action: 'imported', name, fileId: file.id, how: action, file: fileName },
          },
          now,
        );
        imported.push({ id: workflow.id, name, fileId: file.id, action });
        saved.push(after);
      }
    })
    .immediate();

  for (const workflow of saved) {
    deps.emit({ type: 'workflow.saved', id: workflow.id, version: workflow.version });
    deps.emit({ type: 'workflow.state', id: workflow.id, state: 'disabled' });
  }
  return {
    imported,
    skipped: plan
      .filter((p) => p.choice === 'skip')
      .map(({ file }) => ({ id: file.id, name: file.name })),
    unbound: bound.unbound,
  };
}

const copyName = (name: string) => `${name.slice(0, 110)} (imported)`;

/** Resolves every alias to an account id (or null), checking each chosen account fits. */
function bindConnections(
  deps: ImportDeps,
  workflows: readonly WorkflowFile[],
  bindings: ImportInput['bindings'],
): { ids: Map<string, string | null>; unbound: string[] } {
  const required = requiredConnections(workflows, deps.lookup, deps.connections.list());
  for (const alias of Object.keys(bindings)) {
    if (!required.some((r) => r.alias === alias)) {
      throw new UserError(
        'invalid_input',
        `bindings.${alias}: the file has no connection named "${alias}".`,
        { path: ['bindings', alias] },
      );
    }
  }
  const ids = new Map<string, string | null>();
  for (const need of required) {
    const id = Object.hasOwn(bindings, need.alias) ? bindings[need.alias]! : need.suggested;
    if (id !== null) {
      const account = deps.connections.get(id);
      if (!account) {
        throw new UserError(
          'not_found',
          `bindings.${need.alias}: connection ${id} does not exist (it may have been deleted).`,
          { path: ['bindings', need.alias] },
        );
      }
      if (!need.accepts.includes(account.kind)) {
        throw new UserError(
          'invalid_input',
          `bindings.${need.alias}: "${account.name}" is a ${account.kind} connection; "${need.alias}" needs ${need.accepts.join(' or ')}.`,
          { path: ['bindings', need.alias] },
        );
      }
    }
    ids.set(need.alias, id);
  }
  return { ids, unbound: [...ids].filter(([, id]) => id === null).map(([alias]) => alias) };
}

function definitionOf(file: WorkflowFile, ids: ReadonlyMap<string, string | null>) {
  const bind = <N extends WorkflowNode>(node: N): N =>
    'connector' in node && node.connection !== null
      ? { ...node, connection: ids.get(node.connection) ?? null }
      : node;
  return {
    trigger: file.trigger && bind(file.trigger),
    steps: file.steps.map(bind),
    edges: file.edges,
    settings: file.settings,
  } satisfies WorkflowDefinition;
}

/** Connection id → the alias the file gave it, for the aliases this workflow lists. */
function aliasesOf(file: WorkflowFile, ids: ReadonlyMap<string, string | null>) {
  const out = new Map<string, string>();
  for (const alias of Object.keys(file.connections)) {
    const id = ids.get(alias);
    if (id && !out.has(id)) out.set(id, alias);
  }
  return out;
}
