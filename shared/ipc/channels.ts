/**
 * The channel names alone, without their schemas, for the preload: it must stay tiny and
 * cannot bundle zod. A test checks this list equals the contract's keys.
 */
/** The IPC channel (desktop) on which engine events reach the renderer. */
export const ENGINE_EVENT_CHANNEL = 'engine:event';

export const CHANNEL_NAMES = [
  'app:info',
  'workflows:list',
  'workflows:get',
  'workflows:save',
  'workflows:delete',
  'workflows:versions',
  'workflows:restore',
  'connectors:options',
  'workflows:validate',
  'workflows:enable',
  'workflows:disable',
  'workflows:test',
  'workflows:run',
  'runs:list',
  'runs:get',
  'runs:replay',
  'runs:cancel',
  'runs:count',
  'audit:list',
  'stats:workflow',
  'stats:overview',
  'connections:list',
  'connections:create',
  'connections:update',
  'connections:rotate',
  'connections:test',
  'connections:usage',
  'connections:sendmail',
  'connections:delete',
  'connections:health',
  'connections:checks',
  'connections:authorize',
  'connections:authstatus',
  'connections:authcancel',
  'triggers:endpoint',
  'triggers:secret',
  'settings:get',
  'settings:set',
  'desktop:get',
  'desktop:set',
] as const;
