import type { ActionStep, TriggerNode, WorkflowNode } from '@shared/workflow/schema';
import type { WorkflowProblem } from '@shared/workflow/validate';
import { useDescriptors } from '../lib/descriptors';
import { ConditionEditor } from './ConditionEditor';
import { ConfigForm } from './config/ConfigForm';
import { SchedulePreview } from './config/SchedulePreview';
import { ConnectionPicker } from './ConnectionPicker';
import { DelayEditor } from './DelayEditor';
import { EndpointPanel } from './EndpointPanel';
import { MappingSection } from './MappingSection';

interface NodeSetupProps {
  node: WorkflowNode;
  title: string;
  problems: readonly WorkflowProblem[];
  onChange: (next: WorkflowNode) => void;
}

const messagesUnder = (problems: readonly WorkflowProblem[], prefix: string) =>
  problems
    .filter((p) => p.field === prefix || p.field?.startsWith(`${prefix}.`))
    .map((p) => p.message);

/** The settings of one node: a generated form for connectors, hand-made ones for logic steps. */
export function NodeSetup({ node, title, problems, onChange }: NodeSetupProps) {
  switch (node.type) {
    case 'trigger':
    case 'action':
      return <OperationSetup node={node} problems={problems} onChange={onChange} />;
    case 'mapping':
      return (
        <MappingSection
          title={title}
          mapping={node.mapping}
          problems={problems}
          onChange={(mapping) => onChange({ ...node, mapping })}
        />
      );
    case 'filter':
    case 'branch':
      return (
        <ConditionEditor
          lead={node.type === 'filter' ? 'Continue only when' : 'Take the “true” path when'}
          condition={node.condition}
          problems={messagesUnder(problems, 'condition')}
          onChange={(condition) => onChange({ ...node, condition })}
        />
      );
    case 'delay':
      return <DelayEditor delay={node.delay} onChange={(delay) => onChange({ ...node, delay })} />;
  }
}

function OperationSetup(props: {
  node: TriggerNode | ActionStep;
  problems: readonly WorkflowProblem[];
  onChange: (next: WorkflowNode) => void;
}) {
  const { node, problems, onChange } = props;
  const { lookup } = useDescriptors();
  const connector = lookup.connector(node.connector);
  const trigger =
    node.type === 'trigger' ? lookup.trigger(node.connector, node.operation) : undefined;
  const operation =
    trigger ?? (node.type === 'action' ? lookup.action(node.connector, node.operation) : undefined);
  if (!connector || !operation) {
    return (
      <p className="inspector-note">
        This version of Switchyard does not know {node.connector}.{node.operation}, so it cannot
        show its settings.
      </p>
    );
  }
  const needsConnection = !connector.auth.includes('none');
  // A connector that works with or without an account (HTTP) offers one, optionally.
  const offersConnection = connector.auth.some((kind) => kind !== 'none');
  const byField = new Map<string, string[]>();
  for (const problem of problems) {
    // `config` itself (e.g. a union without its discriminator) is keyed '' for the form.
    const match = /^config(?:\.([^.]+))?/.exec(problem.field ?? '');
    const key = match?.[1] ?? '';
    if (match) byField.set(key, [...(byField.get(key) ?? []), problem.message]);
  }
  return (
    <div className="operation-setup">
      {operation.description && <p className="operation-description">{operation.description}</p>}
      {offersConnection && (
        <ConnectionPicker
          connector={connector}
          optional={!needsConnection}
          value={node.connection}
          onChange={(connection) => onChange({ ...node, connection })}
        />
      )}
      {(trigger?.kind === 'webhook' || trigger?.kind === 'form') && (
        <EndpointPanel kind={trigger.kind} config={node.config} />
      )}
      <ConfigForm
        schema={operation.config}
        ui={operation.ui}
        config={node.config}
        problems={byField}
        context={{ connector: connector.id, connectionId: node.connection, needsConnection }}
        onChange={(config) => onChange({ ...node, config })}
      />
      {trigger?.kind === 'schedule' && <SchedulePreview config={node.config} />}
    </div>
  );
}
