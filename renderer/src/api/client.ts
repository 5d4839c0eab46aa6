import type { PreloadBridge, SwitchyardApi } from '@shared/ipc/api';
import { createHttpApi } from './http-transport';
import { createIpcApi } from './ipc-transport';

declare global {
  interface Window {
    /** Present only inside the desktop app, exposed by the preload. */
    switchyard?: PreloadBridge;
  }
}

/** Electron IPC when the preload exposed its bridge, the loopback HTTP bridge otherwise. */
export function createApi(bridge: PreloadBridge | undefined = window.switchyard): SwitchyardApi {
  return bridge ? createIpcApi(bridge) : createHttpApi();
}

/** The one API client of the renderer; everything talks to the engine through it. */
export const api: SwitchyardApi = createApi();

export { ApiError, unwrap, toApiError } from './errors';
