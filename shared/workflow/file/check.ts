import type { DescriptorLookup } from '../../connectors/registry';
import { validateWorkflow } from '../validate';
import type { WorkflowFile } from './format';
import type { FileIssue } from './issues';

/** Connector ids read as names: `zoho_crm` → "Zoho CRM" (short words are acronyms). */
export function connectorNameFromId(id: string): string {
  return id
    .split('_')
    .filter(Boolean)
    .map((word) => (word.length <= 3 ? word.toUpperCase() : word[0]!.toUpperCase() + word.slice(1)))
    .join(' ');
}

export interface MissingConnector {
  id: string;
  name: string;
  message: string;
}

/** The connectors the workflows use that this Switchyard does not have, each once. */
export function missingConnectors(
  workflows: readonly WorkflowFile[],
  lookup: DescriptorLookup,
): MissingConnector[] {
  const missing = new Map<string, MissingConnector>();
  for (const workflow of workflows) {
    for (const node of [workflow.trigger, ...workflow.steps]) {
      if (!node || !('connector' in node) || lookup.connector(node.connector)) continue;
      const name = connectorNameFromId(node.connector);
      missing.set(node.connector, {
        id: node.connector,
        name,
        message: `needs the ${name} connector ("${node.connector}"), which this Switchyard does not have`,
      });
    }
  }
  return [...missing.values()];
}

/**
 * What would stop these workflows from being stored, located in the file: the editor's own
 * blocking problems (unknown connectors named as such), and one alias naming two kinds.
 */
export function checkWorkflowFiles(
  workflows: readonly WorkflowFile[],
  options: { kind: 'workflow' | 'bundle'; fileName: string | null; lookup: DescriptorLookup },
): FileIssue[] {
  const { fileName: file, lookup } = options;
  const issues: FileIssue[] = [];
  const missing = new Map(missingConnectors(workflows, lookup).map((m) => [m.id, m]));
  const aliasKinds = new Map<string, { kind: string; at: number }>();
  workflows.forEach((workflow, index) => {
    const prefix = options.kind === 'bundle' ? `$.workflows[${index}]` : '$';
    const pathOf = (nodeId: string | null) =>
      nodeId === 'trigger'
        ? '.trigger'
        : nodeId
          ? `.steps[${workflow.steps.findIndex((s) => s.id === nodeId)}]`
          : '';
    for (const problem of validateWorkflow(workflow, lookup)) {
      if (problem.severity !== 'error') continue;
      const node =
        problem.nodeId === 'trigger'
          ? workflow.trigger
          : workflow.steps.find((s) => s.id === problem.nodeId);
      const absent =
        problem.field === 'connector' && node && 'connector' in node
          ? missing.get(node.connector)
          : undefined;
      issues.push({
        file,
        path: `${prefix}${pathOf(problem.nodeId)}${problem.field ? `.${problem.field}` : ''}`,
        nodeId: problem.nodeId,
        message: absent ? absent.message : problem.message,
      });
    }
    for (const [alias, { kind }] of Object.entries(workflow.connections)) {
      const seen = aliasKinds.get(alias);
      if (!seen) aliasKinds.set(alias, { kind, at: index });
      else if (seen.kind !== kind) {
        issues.push({
          file,
          path: `${prefix}.connections.${alias}`,
          nodeId: null,
          message: `is a "${kind}" connection here but a "${seen.kind}" one in workflows[${seen.at}]; give them different aliases`,
        });
      }
    }
  });
  return issues;
}
