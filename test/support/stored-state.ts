import type { EngineInternals } from '../../electron/engine';

/** Every stored row an import could touch, to prove that a refusal changed nothing. */
export function storedState(engine: EngineInternals): string {
  const tables = [
    'workflows',
    'workflow_versions',
    'workflow_connection_aliases',
    'audit_log',
    'trigger_state',
    'trigger_endpoints',
    'connections',
  ];
  return JSON.stringify(
    tables.map((t) => engine.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()),
  );
}
