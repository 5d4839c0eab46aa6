import { UserError } from '@shared/errors';
import {
  WORKFLOW_FILE_SCHEMA,
  serializeWorkflowFile,
  type RequiredConnection,
  type WorkflowFile,
} from '@shared/workflow/file';
import type { Workflow, WorkflowNode } from '@shared/workflow/schema';
import type { ConnectionsRepo } from '../db/repos/connections';
import type { ConnectionAliasesRepo } from '../db/repos/connection-aliases';
import type { WorkflowsRepo } from '../db/repos/workflows';
import { createRedactor, isSensitiveKey } from '../http/redact';
import type { Logger } from '../types';

/** A config value the exporter left out or masked, so the operator can set it again after import. */
export interface StrippedValue {
  workflowId: string;
  nodeId: string;
  /** Where in the node, e.g. `config.secret` or `config.headers.Authorization`. */
  field: string;
  reason: 'secret_field' | 'holds_secret_value';
}

export interface ExportDeps {
  workflows: Pick<WorkflowsRepo, 'get' | 'list'>;
  connections: Pick<ConnectionsRepo, 'get' | 'list' | 'secretOf'>;
  /** The aliases an import gave each workflow's connections; exported again as they were. */
  aliases?: Pick<ConnectionAliasesRepo, 'of'>;
  logger: Logger;
}

/**
 * Turns stored workflows into workflow files: connection ids become aliases of their kind, and
 * secrets never leave — config fields whose name says secret are dropped, and any config text
 * that holds a stored secret value (a token pasted into a URL) is masked.
 */
export function exportWorkflows(
  deps: ExportDeps,
  ids: readonly string[] | 'all',
): { files: WorkflowFile[]; stripped: StrippedValue[] } {
  const chosen = ids === 'all' ? deps.workflows.list().map((w) => w.id) : [...new Set(ids)];
  const workflows = chosen.map(
    (id) =>
      deps.workflows.get(id) ??
      (() => {
        throw new UserError(
          'not_found',
          `Workflow ${id} does not exist, so it cannot be exported.`,
          { id },
        );
      })(),
  );
  const redactor = createRedactor({ secrets: knownSecretValues(deps) });
  const aliases = new Map<string, { alias: string; kind: string }>();
  const taken = new Set<string>();
  const aliasFor = (connectionId: string, connector: string, preferred: string | undefined) => {
    const known = aliases.get(connectionId);
    if (known) return known;
    const kind = deps.connections.get(connectionId)?.kind ?? connector;
    let alias = preferred && !taken.has(preferred) ? preferred : kind;
    for (let n = 2; taken.has(alias); n++) alias = `${kind}_${n}`;
    taken.add(alias);
    const entry = { alias, kind };
    aliases.set(connectionId, entry);
    return entry;
  };
  const stripped: StrippedValue[] = [];
  const files = workflows.map((workflow) => {
    const stored = deps.aliases?.of(workflow.id);
    return toFile(
      workflow,
      (connectionId, connector) => aliasFor(connectionId, connector, stored?.get(connectionId)),
      (node, config) =>
        scrubConfig(
          config,
          (field, reason) =>
            stripped.push({
              workflowId: workflow.id,
              nodeId: node.id,
              field: `config.${field}`,
              reason,
            }),
          redactor.redactText,
        ),
    );
  });
  return { files, stripped };
}

export const exportedText = (files: readonly WorkflowFile[]): string =>
  files.length === 1
    ? serializeWorkflowFile(files[0]!)
    : serializeWorkflowFile({ schema: WORKFLOW_FILE_SCHEMA, workflows: [...files] });

function toFile(
  workflow: Workflow,
  aliasFor: (connectionId: string, connector: string) => { alias: string; kind: string },
  scrub: (node: WorkflowNode, config: Record<string, unknown>) => Record<string, unknown>,
): WorkflowFile {
  const connections: Record<string, RequiredConnection> = {};
  const node = <N extends WorkflowNode>(n: N): N => {
    if (!('connector' in n)) return n;
    let connection = n.connection;
    if (connection !== null) {
      const { alias, kind } = aliasFor(connection, n.connector);
      connections[alias] = { kind };
      connection = alias;
    }
    return { ...n, connection, config: scrub(n, n.config) };
  };
  const { trigger, steps, edges, settings } = workflow.definition;
  return {
    schema: WORKFLOW_FILE_SCHEMA,
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    trigger: trigger && node(trigger),
    steps: steps.map(node),
    edges,
    settings,
    connections,
  };
}

type Json = unknown;

/** A deep copy of a node's config without secret-named fields and with stored secrets masked. */
function scrubConfig(
  config: Record<string, unknown>,
  report: (field: string, reason: StrippedValue['reason']) => void,
  maskText: (text: string) => string,
): Record<string, unknown> {
  const walk = (value: Json, path: string[]): Json => {
    if (typeof value === 'string') {
      const masked = maskText(value);
      if (masked !== value) report(path.join('.'), 'holds_secret_value');
      return masked;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, String(i)]));
    if (typeof value !== 'object' || value === null) return value;
    const entries: [string, Json][] = [];
    for (const [key, v] of Object.entries(value)) {
      if (isSensitiveKey(key) && v !== null && typeof v !== 'boolean') {
        report([...path, key].join('.'), 'secret_field');
        continue;
      }
      entries.push([key, walk(v, [...path, key])]);
    }
    return Object.fromEntries(entries);
  };
  return walk(config, []) as Record<string, unknown>;
}

/** Every string inside every stored secret; a vault this process cannot open adds none. */
function knownSecretValues(deps: ExportDeps): string[] {
  const values: string[] = [];
  const collect = (value: Json) => {
    if (typeof value === 'string') values.push(value);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  for (const connection of deps.connections.list()) {
    try {
      collect(deps.connections.secretOf(connection.id));
    } catch (error) {
      deps.logger.warn('export: could not open a connection secret to mask it', {
        connection: connection.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return values;
}
