import type { PreloadBridge, SwitchyardApi } from '@shared/ipc/api';
import { fail } from '@shared/ipc/result';
import { parseEngineEvent, parseResult } from './parse';

/** The desktop transport: the preload's `window.switchyard` over Electron IPC. */
export function createIpcApi(bridge: PreloadBridge): SwitchyardApi {
  return {
    async call(channel, input) {
      try {
        return parseResult(channel, await bridge.invoke(channel, input));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return fail({ code: 'internal', message: `The call ${channel} failed: ${reason}` });
      }
    },
    onEvent(listener) {
      return bridge.onEvent((raw) => {
        const event = parseEngineEvent(raw);
        if (event) listener(event);
      });
    },
  };
}
