import type { EngineEvent } from '../events';
import type { Channel, ChannelInput, ChannelOutput } from './contract';
import type { Result } from './result';

/** What the renderer calls, whether the transport is Electron IPC or the loopback HTTP bridge. */
export interface SwitchyardApi {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribes to engine events; returns the unsubscribe function. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
}

/** The shape the preload exposes as `window.switchyard`. */
export interface PreloadBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}
