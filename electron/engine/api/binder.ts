import type { z } from 'zod';
import { UserError, toErrorPayload } from '@shared/errors';
import {
  contract,
  isChannel,
  type AuditEntry,
  type Channel,
  type ChannelOutput,
  type ChannelParsedInput,
} from '@shared/ipc/contract';
import type { Result } from '@shared/ipc/result';
import type { Logger } from '../types';
import { diskFull, isDiskFull } from '../db/storage-errors';
import type { StorageHealthTracker } from '../db/storage-health';

export type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export interface BinderOptions {
  handlers: Handlers;
  logger: Logger;
  recordAudit: (channel: Channel, entry: AuditEntry) => void;
  /** Told of every write refused for a full disk, and asked to look for room after a change. */
  storage?: Pick<StorageHealthTracker, 'refused' | 'check' | 'isFull'>;
}

/**
 * The one generic binder behind IPC and the HTTP bridge: it checks the channel, validates the
 * input against the contract, runs the handler, records mutating calls in the audit log, and
 * turns every failure into a typed error result. Nothing thrown here crosses the boundary.
 */
export function createInvoker({ handlers, logger, recordAudit, storage }: BinderOptions) {
  return async function invoke(channel: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: {
          code: 'unknown_channel',
          message: `There is no operation named "${String(channel).slice(0, 80)}".`,
        },
      };
    }
    const spec = contract[channel];
    const parsed = (spec.input as z.ZodType).safeParse(rawInput ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Invalid input for ${channel}: ${describeIssues(parsed.error.issues)}`,
          details: parsed.error.issues.map((i) => ({
            path: i.path.map(String),
            message: i.message,
          })),
        },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      if ('audit' in spec && spec.audit) {
        recordAudit(
          channel,
          (spec.audit as (i: unknown, o: unknown) => AuditEntry)(parsed.data, value),
        );
        // A change saved while the disk was full (say, deleting to make room): look again now.
        if (storage?.isFull()) storage.check();
      }
      return { ok: true, value };
    } catch (error) {
      if (isDiskFull(error)) {
        const refused = diskFull(`The ${channel} request`, { channel });
        storage?.refused(`The ${channel} request`);
        logger.error('a write was refused: the disk is full', { channel, error: String(error) });
        return { ok: false, error: toErrorPayload(refused) };
      }
      if (!(error instanceof UserError)) {
        logger.error('handler failed', {
          channel,
          error: error instanceof Error ? error.stack : String(error),
        });
      }
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(input)'} ${i.message}`)
    .join('; ');
}
