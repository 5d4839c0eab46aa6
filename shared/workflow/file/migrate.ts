import { WORKFLOW_FILE_SCHEMA } from './format';

/**
 * Older forms of the workflow file, each lifted one version at a time to the current one.
 *
 * Schema 0 (no `schema` key) is the workflow record as the API returns it (`workflows:get`):
 * `{ id, name, description, state, version, definition: { trigger, steps, edges, settings },
 * createdAt, updatedAt }`, with nodes naming connection ids of the machine it came from. Its
 * machine state is dropped and each connection id becomes an alias of the node's connector kind.
 */
type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface MigrationStep {
  from: number;
  describe: string;
  up(file: JsonObject): JsonObject;
}

function fromApiRecord(record: JsonObject): JsonObject {
  const definition = isObject(record.definition) ? record.definition : {};
  const aliases = new Map<string, string>();
  const connections: JsonObject = {};
  const aliasFor = (connectionId: string, connector: unknown): string => {
    const known = aliases.get(connectionId);
    if (known) return known;
    const kind = typeof connector === 'string' ? connector : 'unknown';
    let alias = kind;
    for (let n = 2; Object.hasOwn(connections, alias); n++) alias = `${kind}_${n}`;
    aliases.set(connectionId, alias);
    connections[alias] = { kind };
    return alias;
  };
  const node = (value: unknown): unknown => {
    if (!isObject(value) || typeof value.connection !== 'string') return value;
    return { ...value, connection: aliasFor(value.connection, value.connector) };
  };
  return Object.fromEntries(
    Object.entries({
      schema: 1,
      id: record.id,
      name: record.name,
      description: record.description,
      trigger: node(definition.trigger ?? null),
      steps: Array.isArray(definition.steps) ? definition.steps.map(node) : definition.steps,
      edges: definition.edges ?? [],
      settings: definition.settings,
      connections,
    }).filter(([, v]) => v !== undefined),
  );
}

export const MIGRATIONS: readonly MigrationStep[] = [
  { from: 0, describe: 'a workflow record from the Switchyard API', up: fromApiRecord },
];

/** Lifts an older file to the current schema; the caller has checked `from` is older. */
export function migrateWorkflowFile(file: JsonObject, from: number): JsonObject {
  let current = file;
  for (let version = from; version < WORKFLOW_FILE_SCHEMA; version++) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) throw new Error(`no migration from workflow file schema ${version}`);
    current = step.up(current);
  }
  return current;
}
