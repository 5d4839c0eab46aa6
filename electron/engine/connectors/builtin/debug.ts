import { ConnectorError, isTransient } from '@shared/connectors/errors';
import type { DebugConfig } from '@shared/connectors/builtin';
import type { ConnectorImpl } from '../types';

/** Records its input as its output; on request fails the way a real service would. */
export const debugImpl: ConnectorImpl = {
  id: 'debug',
  triggers: {},
  actions: {
    record: {
      run: (ctx, config: DebugConfig) => {
        const failing =
          config.failWith && (config.failTimes === undefined || ctx.attempt <= config.failTimes);
        if (failing && config.failWith) {
          throw new ConnectorError(
            config.failWith,
            `Debug step failed on purpose with ${config.failWith}.`,
            {
              retryable: isTransient(config.failWith),
              retryAfterMs: config.retryAfterMs,
            },
          );
        }
        return Promise.resolve({
          received: config.record ?? null,
          idempotencyKey: ctx.idempotencyKey,
        });
      },
    },
  },
};

export const manualImpl: ConnectorImpl = {
  id: 'manual',
  triggers: { start: { kind: 'manual' } },
  actions: {},
};
