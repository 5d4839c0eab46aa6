import { UserError } from '@shared/errors';
import { WorkflowDefinition } from '@shared/workflow/schema';
import type { EngineEvent } from '@shared/events';
import type { AppInfo } from '@shared/ipc/contract';
import type { AuditRepo } from '../db/repos/audit';
import type { ConnectionsRepo } from '../db/repos/connections';
import type { ConnectionService } from '../connections/service';
import type { ConnectionHealthService } from '../connections/health';
import type { SettingsRepo } from '../db/repos/settings';
import type { WorkflowsRepo } from '../db/repos/workflows';
import type { Endpoints } from '../server/endpoints';
import type { StorageHealthTracker } from '../db/storage-health';
import type { Clock, DesktopShell } from '../types';
import type { Transfer } from '../transfer/service';
import type { WorkflowEngine } from '../workflows/service';
import type { Handlers } from './binder';

export interface HandlerDeps {
  workflows: WorkflowsRepo;
  connections: ConnectionsRepo;
  connectionService: ConnectionService;
  connectionHealth: ConnectionHealthService;
  audit: AuditRepo;
  settings: SettingsRepo;
  clock: Clock;
  engine: WorkflowEngine;
  endpoints: Endpoints;
  transfer: Transfer;
  info: () => AppInfo;
  storage: StorageHealthTracker;
  emit: (event: EngineEvent) => void;
  /** Null when no desktop shell hosts the engine (browser mode, CLI). */
  desktop: DesktopShell | null;
}

const noDesktopShell = () =>
  new UserError(
    'desktop_unavailable',
    'Tray, start at login and notification settings exist only in the desktop app; this engine runs without it.',
  );

const notFound = (what: string, id: string) =>
  new UserError('not_found', `${what} ${id} does not exist (it may have been deleted).`, { id });

/** The handlers that implement shared/ipc/contract.ts; inputs arrive already validated. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { workflows, connections, settings, clock, emit, engine } = deps;
  return {
    'app:info': () => deps.info(),
    'storage:health': () => {
      deps.storage.check();
      return deps.storage.current();
    },

    'workflows:list': () => workflows.list(),
    'workflows:get': ({ id }) => workflows.get(id) ?? throwError(notFound('Workflow', id)),
    'workflows:save': (input) => {
      if (input.definition) engine.checkSavable(input.name, input.definition);
      const before = input.id ? workflows.get(input.id) : undefined;
      const saved = workflows.save(input, clock.now());
      engine.reschedule(before, saved);
      deps.endpoints.ensureFor(saved.id, saved.definition.trigger);
      emit({ type: 'workflow.saved', id: saved.id, version: saved.version });
      return saved;
    },
    'workflows:delete': ({ id }) => {
      const deleted = workflows.remove(id) ?? throwError(notFound('Workflow', id));
      emit({ type: 'workflow.deleted', id });
      return { id: deleted.id, name: deleted.name };
    },

    'workflows:versions': ({ id }) => {
      if (!workflows.get(id)) throw notFound('Workflow', id);
      return workflows.versions(id);
    },
    'workflows:restore': ({ id, version, expectedVersion }) => {
      const current = workflows.get(id) ?? throwError(notFound('Workflow', id));
      const stored = workflows.versionDefinition(id, version);
      if (stored === undefined) {
        throw new UserError('not_found', `"${current.name}" has no saved version ${version}.`, {
          id,
          version,
        });
      }
      const definition = WorkflowDefinition.parse(stored);
      engine.checkSavable(current.name, definition);
      const saved = workflows.save(
        { id, name: current.name, definition, expectedVersion: expectedVersion ?? current.version },
        clock.now(),
      );
      engine.reschedule(current, saved);
      emit({ type: 'workflow.saved', id: saved.id, version: saved.version });
      return saved;
    },
    'connectors:options': async ({ connector, source, connectionId, config }) => {
      const options = await engine.options(connector, source, connectionId, config);
      return { options };
    },
    'workflows:validate': ({ definition }) => ({ problems: engine.validate(definition) }),
    'workflows:enable': ({ id }) => engine.enable(id),
    'workflows:disable': ({ id }) => engine.disable(id),
    'workflows:test': ({ id, item, dryRun }) => engine.test(id, item, dryRun),
    'workflows:run': ({ id, item }) => ({ runId: engine.run(id, item) }),

    'runs:list': (input) => engine.list(input),
    'runs:get': ({ id }) => engine.get(id),
    'runs:replay': (input) => engine.replay(input),
    'runs:cancel': ({ runIds }) => engine.cancel(runIds),

    'runs:count': (filter) => ({ count: engine.count(filter) }),
    'audit:list': ({ before, limit, domain, target }) => {
      const entries = deps.audit.list({ before, limit: limit + 1, domain, target });
      const page = entries.slice(0, limit);
      return { entries: page, nextCursor: entries.length > limit ? page.at(-1)!.id : null };
    },
    'stats:workflow': ({ id, range }) => engine.workflowStats(id, range),
    'stats:overview': ({ range }) => engine.overviewStats(range),

    'connections:list': () => connections.list(),
    'connections:create': ({ kind, name, credentials }) =>
      deps.connectionService.create(kind, name, credentials),
    'connections:update': ({ id, name, credentials }) =>
      deps.connectionService.update(id, name, credentials),
    'connections:rotate': ({ id }) => deps.connectionService.rotate(id),
    'connections:test': (input) => deps.connectionService.test(input),
    'connections:usage': ({ id }) => deps.connectionService.usage(id),
    'connections:sendmail': ({ id, to }) => deps.connectionService.sendTestEmail(id, to),
    'connections:delete': ({ id }) => deps.connectionService.remove(id),
    'connections:health': () => deps.connectionHealth.list(),
    'connections:checks': ({ id, limit }) => {
      if (!connections.get(id)) throw notFound('Connection', id);
      return connections.checks(id, limit);
    },
    'connections:authorize': (input) => deps.connectionService.authorize(input),
    'connections:authstatus': ({ flowId }) => deps.connectionService.authorizeStatus(flowId),
    'connections:authcancel': ({ flowId }) => deps.connectionService.authorizeCancel(flowId),
    'connections:authtenant': ({ flowId, tenantId }) =>
      deps.connectionService.authorizeTenant(flowId, tenantId),

    'triggers:endpoint': ({ workflowId }) => deps.endpoints.info(workflowId),
    'triggers:secret': (change) => deps.endpoints.changeSecret(change.workflowId, change),

    'settings:get': () => settings.get(),
    'settings:set': (patch) => {
      const next = settings.set(patch, clock.now());
      emit({ type: 'settings.changed', keys: Object.keys(patch) });
      return next;
    },

    'desktop:get': () => (deps.desktop ?? throwError(noDesktopShell())).get(),
    'desktop:set': (patch) => (deps.desktop ?? throwError(noDesktopShell())).change(patch),
    'files:preview': ({ text, fileName }) => deps.transfer.preview(text, fileName),
    'files:import': (input) => deps.transfer.import(input),
    'files:export': ({ ids, layout }) => deps.transfer.export(ids, layout),
  };
}

function throwError(error: Error): never {
  throw error;
}
