import { CHANNEL_NAMES, ENGINE_EVENT_CHANNEL } from '@shared/ipc/channels';
import type { PreloadBridge } from '@shared/ipc/api';

export { ENGINE_EVENT_CHANNEL };

const allowedChannels: ReadonlySet<string> = new Set(CHANNEL_NAMES);

/** The slice of Electron's ipcRenderer the bridge uses. */
export interface BridgeIpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface BridgeContextBridge {
  exposeInMainWorld(apiKey: string, api: PreloadBridge): void;
}

export function createPreloadBridge(ipcRenderer: BridgeIpcRenderer): PreloadBridge {
  return {
    invoke(channel, input) {
      if (typeof channel !== 'string' || !allowedChannels.has(channel)) {
        return Promise.reject(new Error(`Unknown channel: ${String(channel)}`));
      }
      return ipcRenderer.invoke(channel, input);
    },
    onEvent(listener) {
      // The IPC event object (with its sender) never reaches the page: only the payload does.
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(ENGINE_EVENT_CHANNEL, forward);
      return () => {
        ipcRenderer.removeListener(ENGINE_EVENT_CHANNEL, forward);
      };
    },
  };
}

export function exposeSwitchyardBridge(
  contextBridge: BridgeContextBridge,
  ipcRenderer: BridgeIpcRenderer,
): void {
  contextBridge.exposeInMainWorld('switchyard', createPreloadBridge(ipcRenderer));
}
