import { z } from 'zod';
import {
  Workflow,
  WorkflowDefinition,
  WorkflowId,
  WorkflowName,
  WorkflowSummary,
} from '../workflow/schema';
import { Settings, SettingsPatch } from '../settings';
import { StorageHealth } from '../storage';
import { DesktopPreferences, DesktopPreferencesPatch } from '../desktop';
import {
  ExportInput,
  ExportResult,
  ImportInput,
  ImportPreview,
  ImportResult,
  PreviewImportInput,
} from '../transfer/schemas';
import {
  CancelInput,
  CancelResult,
  OverviewStats,
  ReplayInput,
  ReplayResult,
  RunDetail,
  RunId,
  RunFilter,
  RunListInput,
  RunPage,
  StatsRange,
  TestRunInput,
  WorkflowStats,
} from '../runs';

export const WorkflowProblem = z.object({
  severity: z.enum(['error', 'incomplete', 'warning']),
  nodeId: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});

/** A record of what a mutating call changed: never a secret, only ids, names and field lists. */
export interface AuditEntry {
  target: string | null;
  detail: Record<string, unknown>;
}

interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Present on every channel that changes state: the binder writes its result to audit_log. */
  audit?: (input: z.output<I>, output: z.output<O>) => AuditEntry;
}

const channel = <I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>) => spec;

const NoInput = z.object({}).strict();
const ById = z.object({ id: WorkflowId }).strict();

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['desktop', 'browser']),
  platform: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  keyring: z.string(),
  startedAt: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const WorkflowSaveInput = z
  .object({
    /** Omitted to create a new workflow. */
    id: WorkflowId.optional(),
    name: WorkflowName,
    description: z.string().max(2000, 'must be at most 2000 characters').optional(),
    /** Omitted to keep the stored definition (a rename). */
    definition: WorkflowDefinition.optional(),
    /** The version the editor started from; a save over a newer version is refused as a conflict. */
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();
export type WorkflowSaveInput = z.infer<typeof WorkflowSaveInput>;

export const ConnectionSummary = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  account: z.string().nullable(),
  status: z.enum(['ok', 'needs_reconnect', 'error', 'unchecked']),
  hasSecret: z.boolean(),
  /** The non-secret credential fields (host, username, URL…); secrets never appear here. */
  fields: z.record(z.string(), z.unknown()),
  /** Names of the secret fields that hold a value: the form shows •••• for them. */
  secretFields: z.array(z.string()),
  lastCheck: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConnectionSummary = z.infer<typeof ConnectionSummary>;

const ConnectionId = z.string().min(1).max(64);
const ConnectionName = z.string().trim().min(1, 'Name is required').max(120);
/** Credential fields as typed in the form; checked against the kind's own schema by the handler. */
const CredentialValues = z.record(z.string().max(64), z.unknown());

export const ConnectionTestResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** What the service answered (status, a short body), for "send test event" and test URLs. */
  response: z
    .object({ status: z.number().int(), body: z.unknown(), durationMs: z.number() })
    .optional(),
  connection: ConnectionSummary.optional(),
  /** The account signed in (a signed-in connection's e-mail), when the check learns it. */
  account: z.string().optional(),
  /** The scopes the service says the token has, when it says. */
  scopes: z.array(z.string()).optional(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

/** A connection just made or changed; `revealed` holds secrets Switchyard generated, shown once. */
export const ConnectionSaved = z.object({
  connection: ConnectionSummary,
  revealed: z.record(z.string(), z.string()).optional(),
  /** Workflows that were on hold for this connection and went back to work. */
  resumedWorkflows: z.array(z.string()).default([]),
});
export type ConnectionSaved = z.infer<typeof ConnectionSaved>;

/** One check of a connection ("Test now", a test e-mail, a use that needed the user). */
export const ConnectionCheck = z.object({
  id: z.number().int(),
  at: z.string(),
  ok: z.boolean(),
  status: ConnectionSummary.shape.status,
  message: z.string(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheck>;

/** What the operator sees of a connection's health: one state, decided by the engine. */
export const ConnectionHealthState = z.enum([
  'ok',
  'expiring',
  'needs_reconnect',
  'rate_limited',
  'error',
  'unchecked',
]);
export type ConnectionHealthState = z.infer<typeof ConnectionHealthState>;

export const ConnectionHealth = z.object({
  id: z.string(),
  state: ConnectionHealthState,
  /** Why, in a sentence, when the state is not plain ok/unchecked. */
  reason: z.string().nullable(),
  /** Requests counted today (UTC) by the shared rate limiter. */
  requestsToday: z.number().int(),
  /** The service's limits for this kind of account, when known. */
  limits: z
    .object({ perMinute: z.number().int().optional(), perDay: z.number().int().optional() })
    .nullable(),
  /** When the sign-in stops working unless renewed (OAuth tokens without a refresh token). */
  expiresAt: z.string().nullable(),
  scopes: z.array(z.string()),
  /** Until when a rate limit or quota holds its runs back. */
  limitedUntil: z.string().nullable(),
});
export type ConnectionHealth = z.infer<typeof ConnectionHealth>;

/**
 * Where a browser sign-in (`connections:authorize`) stands; polled until it is not waiting.
 * `choose_tenant`: signed in, and the operator picks one of `tenants` (`connections:authtenant`).
 */
export const AuthorizeStatus = z.object({
  flowId: z.string(),
  status: z.enum(['waiting', 'choose_tenant', 'succeeded', 'failed', 'cancelled']),
  message: z.string().nullable(),
  /** What a tenant is called by the service ("Organisation"), with `choose_tenant`. */
  tenantLabel: z.string().optional(),
  /** The tenants the sign-in reaches, to choose one from (ids and names; no secret). */
  tenants: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
  /** The connection made (or reconnected) by a successful sign-in. */
  connection: ConnectionSummary.optional(),
  resumedWorkflows: z.array(z.string()),
});
export type AuthorizeStatus = z.infer<typeof AuthorizeStatus>;

/** A webhook or form trigger's address; secrets never appear here (only whether one is set). */
export const TriggerEndpointInfo = z.object({
  workflowId: z.string(),
  kind: z.enum(['webhook', 'form']),
  pathId: z.string(),
  path: z.string(),
  localUrl: z.string().nullable(),
  publicUrl: z.string().nullable(),
  hasSecret: z.boolean(),
  secretSetAt: z.string().nullable(),
});
export type TriggerEndpointInfo = z.infer<typeof TriggerEndpointInfo>;

export const TriggerSecretChange = z.discriminatedUnion('action', [
  z.object({ workflowId: WorkflowId, action: z.literal('generate') }).strict(),
  z
    .object({
      workflowId: WorkflowId,
      action: z.literal('set'),
      secret: z.string().min(8, 'must be at least 8 characters').max(500),
    })
    .strict(),
  z.object({ workflowId: WorkflowId, action: z.literal('clear') }).strict(),
]);

export const contract = {
  'app:info': channel({ input: NoInput, output: AppInfo }),
  /** Whether the engine can save (the disk holding its data may be full), checked afresh. */
  'storage:health': channel({ input: NoInput, output: StorageHealth }),

  'workflows:list': channel({ input: NoInput, output: z.array(WorkflowSummary) }),
  'workflows:get': channel({ input: ById, output: Workflow }),
  'workflows:save': channel({
    input: WorkflowSaveInput,
    output: Workflow,
    audit: (input, saved) => ({
      target: saved.id,
      detail: {
        action: saved.version === 1 ? 'created' : 'saved',
        name: saved.name,
        version: saved.version,
        fields: Object.keys(input).filter((k) => k !== 'id' && k !== 'expectedVersion'),
      },
    }),
  }),
  'workflows:delete': channel({
    input: ById,
    output: z.object({ id: z.string(), name: z.string() }),
    audit: (_input, deleted) => ({
      target: deleted.id,
      detail: { action: 'deleted', name: deleted.name },
    }),
  }),

  /** Every saved version, newest first (the current one included). */
  'workflows:versions': channel({
    input: ById,
    output: z.array(
      z.object({
        version: z.number().int(),
        name: z.string(),
        savedAt: z.string(),
        stepCount: z.number().int(),
        current: z.boolean(),
      }),
    ),
  }),
  /** Saves an earlier version's definition as the newest version (nothing is lost). */
  'workflows:restore': channel({
    input: z
      .object({
        id: WorkflowId,
        version: z.number().int().positive(),
        expectedVersion: z.number().int().positive().optional(),
      })
      .strict(),
    output: Workflow,
    audit: (input, w) => ({
      target: w.id,
      detail: { action: 'restored', from: input.version, version: w.version },
    }),
  }),
  /** Choices for a config field with a dynamic option source ("spreadsheets of this connection"). */
  'connectors:options': channel({
    input: z
      .object({
        connector: z.string().min(1).max(64),
        source: z.string().min(1).max(64),
        connectionId: z.string().min(1).max(64).nullable(),
        config: z.record(z.string(), z.unknown()).default({}),
      })
      .strict(),
    output: z.object({
      options: z.array(z.object({ value: z.string(), label: z.string() })),
    }),
  }),
  'workflows:validate': channel({
    input: z.object({ definition: WorkflowDefinition }).strict(),
    output: z.object({ problems: z.array(WorkflowProblem) }),
  }),
  'workflows:enable': channel({
    input: ById,
    output: Workflow,
    audit: (_input, w) => ({ target: w.id, detail: { action: 'enabled', name: w.name } }),
  }),
  'workflows:disable': channel({
    input: ById,
    output: Workflow,
    audit: (_input, w) => ({ target: w.id, detail: { action: 'disabled', name: w.name } }),
  }),
  /** Runs now on a sample item; moves no cursor and, by default, skips side effects. */
  'workflows:test': channel({ input: TestRunInput, output: RunDetail }),
  /** Starts a real run of an active workflow by hand (its manual trigger). */
  'workflows:run': channel({
    input: z
      .object({ id: WorkflowId, item: z.record(z.string(), z.unknown()).optional() })
      .strict(),
    output: z.object({ runId: RunId }),
    audit: (input, out) => ({ target: input.id, detail: { action: 'run', runId: out.runId } }),
  }),

  'runs:list': channel({ input: RunListInput, output: RunPage }),
  'runs:get': channel({ input: z.object({ id: RunId }).strict(), output: RunDetail }),
  'runs:replay': channel({
    input: ReplayInput,
    output: ReplayResult,
    audit: (input, out) => ({
      target: null,
      detail: {
        action: 'replayed',
        from: input.from,
        replayed: out.replayed.length,
        skipped: out.skipped.length,
      },
    }),
  }),
  'runs:cancel': channel({
    input: CancelInput,
    output: CancelResult,
    audit: (_input, out) => ({
      target: null,
      detail: { action: 'cancelled', runs: out.cancelled },
    }),
  }),

  /** How many runs a filter matches (e.g. to confirm a bulk replay). */
  'runs:count': channel({ input: RunFilter, output: z.object({ count: z.number().int() }) }),

  /** What the operator changed, newest first; never a secret. */
  'audit:list': channel({
    input: z
      .object({
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        domain: z.enum(['workflows', 'connections', 'settings', 'runs', 'files']).optional(),
        target: z.string().max(64).optional(),
      })
      .strict(),
    output: z.object({
      entries: z.array(
        z.object({
          id: z.number().int(),
          at: z.string(),
          channel: z.string(),
          target: z.string().nullable(),
          detail: z.record(z.string(), z.unknown()),
        }),
      ),
      nextCursor: z.number().int().nullable(),
    }),
  }),

  'stats:workflow': channel({
    input: z.object({ id: WorkflowId, range: StatsRange.default('24h') }).strict(),
    output: WorkflowStats,
  }),
  'stats:overview': channel({
    input: z.object({ range: StatsRange.default('24h') }).strict(),
    output: OverviewStats,
  }),

  'connections:list': channel({ input: NoInput, output: z.array(ConnectionSummary) }),
  'connections:create': channel({
    input: z
      .object({
        kind: z.string().min(1).max(64),
        name: ConnectionName,
        credentials: CredentialValues,
      })
      .strict(),
    output: ConnectionSaved,
    audit: (_input, out) => ({
      target: out.connection.id,
      detail: { action: 'created', name: out.connection.name, kind: out.connection.kind },
    }),
  }),
  /** Renames, or replaces credentials (a reconnect: workflows on hold for it resume). */
  'connections:update': channel({
    input: z
      .object({
        id: ConnectionId,
        name: ConnectionName.optional(),
        /** Secret fields left out or empty keep their stored value. */
        credentials: CredentialValues.optional(),
      })
      .strict(),
    output: ConnectionSaved,
    audit: (input, out) => ({
      target: out.connection.id,
      detail: {
        action: input.credentials ? 'reconnected' : 'renamed',
        name: out.connection.name,
        fields: Object.keys(input.credentials ?? {}),
        resumed: out.resumedWorkflows.length,
      },
    }),
  }),
  /** Makes a new generated secret (a webhook endpoint's signing secret); shown once. */
  'connections:rotate': channel({
    input: z.object({ id: ConnectionId }).strict(),
    output: ConnectionSaved,
    audit: (_input, out) => ({
      target: out.connection.id,
      detail: { action: 'rotated secret', name: out.connection.name },
    }),
  }),
  /** Tries stored credentials, or credentials typed in a form not saved yet (then `kind` too). */
  'connections:test': channel({
    input: z
      .object({
        id: ConnectionId.optional(),
        kind: z.string().min(1).max(64).optional(),
        credentials: CredentialValues.optional(),
      })
      .strict()
      .refine((i) => i.id !== undefined || (i.kind !== undefined && i.credentials !== undefined), {
        message: 'give a connection id, or a kind and credentials',
      }),
    output: ConnectionTestResult,
  }),
  /** Which workflows use a connection (before deleting it). */
  'connections:usage': channel({
    input: z.object({ id: ConnectionId }).strict(),
    output: z.object({
      workflows: z.array(z.object({ id: z.string(), name: z.string(), state: z.string() })),
    }),
  }),
  /** Sends a test e-mail through an SMTP connection. */
  'connections:sendmail': channel({
    input: z.object({ id: ConnectionId, to: z.email('must be an e-mail address') }).strict(),
    output: ConnectionTestResult,
    audit: (input) => ({ target: input.id, detail: { action: 'sent test e-mail' } }),
  }),
  'connections:delete': channel({
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    output: z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      /** A signed-in (OAuth) connection's grant was revoked at the service. */
      revoked: z.boolean().optional(),
    }),
    audit: (_input, deleted) => ({
      target: deleted.id,
      detail: { action: 'deleted', name: deleted.name, kind: deleted.kind },
    }),
  }),
  /** Each connection's health: status with expiry and rate limits, usage today, scopes. */
  'connections:health': channel({ input: NoInput, output: z.array(ConnectionHealth) }),
  /** A connection's own history of checks, newest first. */
  'connections:checks': channel({
    input: z
      .object({ id: ConnectionId, limit: z.number().int().min(1).max(200).default(20) })
      .strict(),
    output: z.array(ConnectionCheck),
  }),
  /**
   * Starts a browser sign-in (OAuth authorization code, PKCE, loopback redirect) for a kind that
   * has one; with `id`, it reconnects that connection. The desktop app opens `authUrl` itself
   * (`opened`); browser mode opens it in a new tab.
   */
  'connections:authorize': channel({
    input: z
      .object({
        kind: z.string().min(1).max(64),
        name: ConnectionName,
        credentials: CredentialValues,
        id: ConnectionId.optional(),
      })
      .strict(),
    output: z.object({
      flowId: z.string(),
      authUrl: z.string(),
      redirectUri: z.string(),
      opened: z.boolean(),
    }),
    audit: (input, out) => ({
      target: input.id ?? null,
      detail: { action: 'sign-in started', kind: input.kind, name: input.name, flow: out.flowId },
    }),
  }),
  'connections:authstatus': channel({
    input: z.object({ flowId: z.string().min(1).max(64) }).strict(),
    output: AuthorizeStatus,
  }),
  'connections:authcancel': channel({
    input: z.object({ flowId: z.string().min(1).max(64) }).strict(),
    output: AuthorizeStatus,
  }),
  /** Finishes a sign-in that reached several tenants with the one the operator chose. */
  'connections:authtenant': channel({
    input: z
      .object({
        flowId: z.string().min(1).max(64),
        tenantId: z.string().trim().min(1, 'Choose one').max(200),
      })
      .strict(),
    output: AuthorizeStatus,
    audit: (input, out) => ({
      target: out.connection?.id ?? null,
      detail: { action: 'sign-in tenant chosen', flow: input.flowId, tenant: input.tenantId },
    }),
  }),

  /** The URL of a webhook or form workflow, made the first time it is asked for. */
  'triggers:endpoint': channel({
    input: z.object({ workflowId: WorkflowId }).strict(),
    output: TriggerEndpointInfo,
  }),
  /** Generates (returned once, here), sets or clears the verification secret of a webhook. */
  'triggers:secret': channel({
    input: TriggerSecretChange,
    output: z.object({ endpoint: TriggerEndpointInfo, secret: z.string().optional() }),
    audit: (input) => ({
      target: input.workflowId,
      detail: {
        action: `webhook secret ${input.action === 'set' ? 'set' : input.action === 'generate' ? 'generated' : 'cleared'}`,
      },
    }),
  }),

  'settings:get': channel({ input: NoInput, output: Settings }),
  'settings:set': channel({
    input: SettingsPatch,
    output: Settings,
    audit: (patch) => ({ target: null, detail: { action: 'changed', keys: Object.keys(patch) } }),
  }),

  /** The desktop shell's preferences (tray, login item, notifications); refused in browser mode. */
  'desktop:get': channel({ input: NoInput, output: DesktopPreferences }),
  'desktop:set': channel({
    input: DesktopPreferencesPatch,
    output: DesktopPreferences,
    audit: (patch) => ({ target: null, detail: { action: 'changed', keys: Object.keys(patch) } }),
  }),
  /** What a workflow file holds and what importing it needs (accounts, clashes); changes nothing. */
  'files:preview': channel({ input: PreviewImportInput, output: ImportPreview }),
  /**
   * Imports a workflow file (arriving disabled). Audited by the importer itself: one 'imported'
   * entry per workflow, written in the same transaction as the workflows.
   */
  'files:import': channel({ input: ImportInput, output: ImportResult }),
  /** Workflows as files: one file holding them all, or one file each. Secrets never leave. */
  'files:export': channel({ input: ExportInput, output: ExportResult }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
