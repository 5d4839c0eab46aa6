import { UserError } from '@shared/errors';
import type { Settings } from '@shared/settings';
import type { Db } from '../db/open';
import {
  createTriggerEndpointsRepo,
  type TriggerEndpoint,
  type TriggerEndpointsRepo,
} from '../db/repos/trigger-endpoints';
import type { WorkflowsRepo } from '../db/repos/workflows';
import type { Redactor } from '../http/redact';
import type { Vault } from '../secrets/vault';
import { catalogueWebhookOf } from '../connectors/catalogue/webhooks';
import { generateWebhookSecret } from '../connectors/webhook/verify';

export type EndpointKind = 'webhook' | 'form';

/** Which trigger (connector.operation) is served at which path prefix. */
export const ENDPOINT_TRIGGERS: Readonly<
  Record<EndpointKind, { connector: string; operation: string; prefix: string }>
> = {
  webhook: { connector: 'webhook_in', operation: 'receive', prefix: '/hooks/' },
  form: { connector: 'form', operation: 'submission', prefix: '/forms/' },
};

export function endpointKindOf(
  trigger: { connector: string; operation: string } | null | undefined,
): EndpointKind | null {
  if (!trigger) return null;
  if (catalogueWebhookOf(trigger)) return 'webhook';
  for (const [kind, t] of Object.entries(ENDPOINT_TRIGGERS))
    if (t.connector === trigger.connector && t.operation === trigger.operation)
      return kind as EndpointKind;
  return null;
}

export interface EndpointInfo extends TriggerEndpoint {
  kind: EndpointKind;
  path: string;
  /** On this machine; null while no loopback server runs. */
  localUrl: string | null;
  /** Behind the user's tunnel; null without a public base URL setting. */
  publicUrl: string | null;
}

export interface EndpointsDeps {
  db: Db;
  vault: Vault;
  workflows: WorkflowsRepo;
  redactor: Redactor;
  settings: () => Settings;
}

/** Joins the public base URL (which may end in a path) and an endpoint path. */
export function publicUrlOf(base: string | null, path: string): string | null {
  if (!base) return null;
  return `${base.replace(/\/+$/, '')}${path}`;
}

/**
 * Webhook and form endpoints: their stable URLs, their verification secrets (sealed, opened only
 * for verification and registered with the redactor), and the address of the running server.
 */
export function createEndpoints(deps: EndpointsDeps) {
  const repo: TriggerEndpointsRepo = createTriggerEndpointsRepo(deps.db, deps.vault);
  let livePort: number | null = null;

  function kindOf(workflowId: string): EndpointKind {
    const workflow = deps.workflows.get(workflowId);
    if (!workflow)
      throw new UserError('not_found', `Workflow ${workflowId} does not exist.`, { workflowId });
    const kind = endpointKindOf(workflow.definition.trigger);
    if (!kind)
      throw new UserError(
        'invalid_input',
        `"${workflow.name}" does not start with a webhook or form trigger, so it has no URL.`,
      );
    return kind;
  }

  function info(endpoint: TriggerEndpoint, kind: EndpointKind): EndpointInfo {
    const path = `${ENDPOINT_TRIGGERS[kind].prefix}${endpoint.pathId}`;
    const port = livePort ?? deps.settings().serverPort;
    return {
      ...endpoint,
      kind,
      path,
      localUrl: port === null ? null : `http://127.0.0.1:${port}${path}`,
      publicUrl: publicUrlOf(deps.settings().publicBaseUrl, path),
    };
  }

  return {
    repo,
    setLivePort(port: number | null) {
      livePort = port;
    },
    /** Makes the endpoint of a webhook or form workflow if it has none; others are left alone. */
    ensureFor(workflowId: string, trigger: { connector: string; operation: string } | null): void {
      if (endpointKindOf(trigger)) repo.ensure(workflowId, new Date());
    },
    info(workflowId: string): EndpointInfo {
      const kind = kindOf(workflowId);
      return info(repo.ensure(workflowId, new Date()), kind);
    },
    /** A generated secret is returned once, here; a set one is never returned. */
    changeSecret(
      workflowId: string,
      change: { action: 'generate' } | { action: 'set'; secret: string } | { action: 'clear' },
    ): { endpoint: EndpointInfo; secret?: string } {
      const kind = kindOf(workflowId);
      repo.ensure(workflowId, new Date());
      const secret =
        change.action === 'generate'
          ? generateWebhookSecret()
          : change.action === 'set'
            ? change.secret
            : null;
      const endpoint = repo.setSecret(workflowId, secret, new Date());
      if (secret) deps.redactor.addSecret(secret);
      return {
        endpoint: info(endpoint, kind),
        ...(change.action === 'generate' && secret ? { secret } : {}),
      };
    },
    /** For verification only. The value is added to the redactor so logs never show it. */
    secretFor(workflowId: string): string | null {
      const secret = repo.secret(workflowId);
      if (secret) deps.redactor.addSecret(secret);
      return secret;
    },
  };
}
export type Endpoints = ReturnType<typeof createEndpoints>;
