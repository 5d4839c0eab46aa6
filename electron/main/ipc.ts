import { describeError, toErrorPayload } from '@shared/errors';
import { CHANNEL_NAMES } from '@shared/ipc/channels';
import { ENGINE_EVENT_CHANNEL } from '@shared/events';
import type { Result } from '@shared/ipc/result';
import type { Engine } from '../engine/types';

/** The parts of an invoke event the origin check reads. */
export interface InvokeSender {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface ContractIpcMain {
  handle(
    channel: string,
    listener: (event: InvokeSender, input: unknown) => Promise<Result<unknown>>,
  ): void;
  removeHandler(channel: string): void;
}

export interface EngineEventTarget {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Trusts only the top frame of a page that is the app itself (not an iframe, not a page navigated away). */
export function isTrustedSenderFor(
  isAppUrl: (url: string) => boolean,
): (event: InvokeSender) => boolean {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  };
}

/** One ipcMain handler per contract channel, each a door to engine.invoke. Returns the undo. */
export function registerContractIpc(
  ipcMain: ContractIpcMain,
  engine: Pick<Engine, 'invoke'>,
  options: { isTrustedSender: (event: InvokeSender) => boolean },
): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input): Promise<Result<unknown>> => {
      if (!options.isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'forbidden_origin', message: describeError('forbidden_origin') },
        };
      }
      try {
        return await engine.invoke(channel, input);
      } catch (error) {
        // The engine should never throw; if it does, the renderer still gets a Result, not a rejection.
        console.error(`Engine threw on ${channel}:`, error);
        return { ok: false, error: toErrorPayload(error) };
      }
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** Sends every engine event to one window's page until the returned function is called. */
export function forwardEngineEvents(
  engine: Pick<Engine, 'onEvent'>,
  target: EngineEventTarget,
): () => void {
  return engine.onEvent((event) => {
    if (!target.isDestroyed()) target.send(ENGINE_EVENT_CHANNEL, event);
  });
}
