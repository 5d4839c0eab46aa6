import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '@shared/ipc/channels';
import type { PreloadBridge } from '@shared/ipc/api';
import {
  createPreloadBridge,
  ENGINE_EVENT_CHANNEL,
  exposeSwitchyardBridge,
} from '../../electron/preload/bridge';
import { FakeIpcRenderer } from './fakes';

const preloadDir = join(import.meta.dirname, '../../electron/preload');

describe('preload bridge', () => {
  it('exposes exactly window.switchyard with invoke and onEvent, nothing else', () => {
    const exposed = new Map<string, PreloadBridge>();
    exposeSwitchyardBridge(
      { exposeInMainWorld: (key, api) => exposed.set(key, api) },
      new FakeIpcRenderer(),
    );
    expect([...exposed.keys()]).toEqual(['switchyard']);
    expect(Object.keys(exposed.get('switchyard') ?? {}).sort()).toEqual(['invoke', 'onEvent']);
  });

  it('rejects a channel that is not in the contract without touching IPC', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createPreloadBridge(ipc);
    await expect(bridge.invoke('fs:readFile', { path: '/etc/passwd' })).rejects.toThrow(
      /Unknown channel: fs:readFile/,
    );
    await expect(bridge.invoke('engine:event', {})).rejects.toThrow(/Unknown channel/);
    expect(ipc.invoked).toEqual([]);
  });

  it('forwards every contract channel with its input to ipcRenderer.invoke', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createPreloadBridge(ipc);
    await expect(bridge.invoke('workflows:get', { id: 'wf_1' })).resolves.toEqual({
      ok: true,
      value: 'reply to workflows:get',
    });
    for (const channel of CHANNEL_NAMES) await bridge.invoke(channel, {});
    expect(ipc.invoked[0]).toEqual({ channel: 'workflows:get', args: [{ id: 'wf_1' }] });
    expect(ipc.invoked.slice(1).map((call) => call.channel)).toEqual([...CHANNEL_NAMES]);
  });

  it('delivers engine events without the IPC event object, until unsubscribed', () => {
    const ipc = new FakeIpcRenderer();
    const received: unknown[][] = [];
    const unsubscribe = createPreloadBridge(ipc).onEvent((...args) => received.push(args));
    const payload = { type: 'workflow.deleted', id: 'wf_1' };
    ipc.emit(ENGINE_EVENT_CHANNEL, { sender: 'ipc event with sender' }, payload);
    unsubscribe();
    ipc.emit(ENGINE_EVENT_CHANNEL, {}, payload);
    expect(received).toEqual([[payload]]);
    expect(ipc.listenerCount(ENGINE_EVENT_CHANNEL)).toBe(0);
  });

  it('imports at run time only electron, its own files and the channel list (no zod in a sandboxed preload)', () => {
    const runtimeImports = readdirSync(preloadDir)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .flatMap((file) => [
        ...readFileSync(join(preloadDir, file), 'utf8').matchAll(
          /^import (?!type )[^;]*? from '([^']+)'/gm,
        ),
      ])
      .map((match) => match[1]);
    expect(new Set(runtimeImports)).toEqual(
      new Set(['electron', './bridge', '@shared/ipc/channels']),
    );
  });
});
