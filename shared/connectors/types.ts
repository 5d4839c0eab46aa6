import type { z } from 'zod';

/**
 * What the canvas and inspector need to render a connector without knowing it. Behaviour lives
 * in electron/engine/connectors/<id>; this is data plus zod schemas, safe for the renderer.
 */
export type ConnectorCategory =
  | 'builtin'
  | 'google'
  | 'email'
  | 'webhooks'
  | 'crm'
  | 'messaging'
  | 'calendar'
  | 'accounting'
  | 'cloud'
  | 'developer';

export type AuthKind =
  | 'none'
  | 'oauth2'
  /** An app-only token: client credentials or a service-account key (no sign-in). */
  | 'oauth2_app'
  | 'api_key'
  | 'basic'
  | 'aws_sigv4'
  | 'smtp'
  | 'bearer'
  /** The connection holds a secret Switchyard signs with (outgoing webhooks). */
  | 'signing_secret';

/** Where a select field gets its choices: fixed, or fetched through the connection. */
export type OptionSource =
  | { kind: 'static'; options: readonly { value: string; label: string }[] }
  | {
      kind: 'dynamic';
      /** e.g. 'spreadsheets' — the engine asks the connector for "spreadsheets of this connection". */
      source: string;
      /** Other config fields whose values the lookup needs, e.g. the spreadsheet for its sheets. */
      dependsOn?: readonly string[];
    };

export interface FieldHint {
  label: string;
  help?: string;
  placeholder?: string;
  widget?: 'text' | 'textarea' | 'number' | 'switch' | 'select' | 'json' | 'code' | 'mapping';
  options?: OptionSource;
  /** Accepts `{{node.path}}` references (rendered before the operation runs). */
  mappable?: boolean;
  advanced?: boolean;
}

interface OperationDescriptorBase<C extends z.ZodType = z.ZodType> {
  id: string;
  name: string;
  description: string;
  config: C;
  /** Field order and hints for the inspector; fields not listed are shown after, in schema order. */
  ui: { order: readonly string[]; fields: Readonly<Record<string, FieldHint>> };
  /** An example of the data this operation produces, for the mapping editor before any run. */
  sample?: unknown;
}

export interface TriggerDescriptor<
  C extends z.ZodType = z.ZodType,
> extends OperationDescriptorBase<C> {
  kind: 'manual' | 'polling' | 'webhook' | 'schedule' | 'form';
}

export interface ActionDescriptor<
  C extends z.ZodType = z.ZodType,
> extends OperationDescriptorBase<C> {
  /** True when running it changes something outside Switchyard; dry runs skip it. */
  sideEffects: boolean;
  /** The service accepts an idempotency key, so retries cannot duplicate the effect. */
  idempotent?: boolean;
}

export interface ConnectorDescriptor {
  id: string;
  name: string;
  category: ConnectorCategory;
  /** An icon name from resources/icons or an inline SVG data URL. */
  icon: string;
  description: string;
  docsUrl?: string;
  auth: readonly AuthKind[];
  /** Connection kinds (shared/connections) its nodes accept; default: a kind named like the connector. */
  connectionKinds?: readonly string[];
  triggers: readonly TriggerDescriptor[];
  actions: readonly ActionDescriptor[];
}
