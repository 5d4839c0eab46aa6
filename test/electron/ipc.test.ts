import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '@shared/ipc/channels';
import { ENGINE_EVENT_CHANNEL, type EngineEvent } from '@shared/events';
import type { Result } from '@shared/ipc/result';
import {
  forwardEngineEvents,
  isTrustedSenderFor,
  registerContractIpc,
} from '../../electron/main/ipc';
import { rendererLocation } from '../../electron/main/renderer-location';
import { FakeIpcMain } from './fakes';

const renderer = rendererLocation({
  isPackaged: true,
  devServerUrl: undefined,
  indexHtmlPath: '/app/out/renderer/index.html',
});
const appFrame = { url: 'file:///app/out/renderer/index.html', parent: null };

function fakeEngine(
  invoke: (channel: string, input: unknown) => Promise<Result<unknown>> = async (
    channel,
    input,
  ) => ({ ok: true, value: { channel, input } }),
) {
  const listeners = new Set<(event: EngineEvent) => void>();
  return {
    invoke,
    onEvent(listener: (event: EngineEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (event: EngineEvent) => listeners.forEach((listener) => listener(event)),
    listeners,
  };
}

function registered(engine = fakeEngine()) {
  const ipcMain = new FakeIpcMain();
  const dispose = registerContractIpc(ipcMain, engine, {
    isTrustedSender: isTrustedSenderFor(renderer.isAppUrl),
  });
  return { ipcMain, dispose };
}

describe('registerContractIpc', () => {
  it('registers one handler per contract channel and removes them all on dispose', () => {
    const { ipcMain, dispose } = registered();
    expect([...ipcMain.handlers.keys()]).toEqual([...CHANNEL_NAMES]);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('forwards a call from the app page to the engine and returns its Result', async () => {
    const { ipcMain } = registered();
    await expect(ipcMain.invokeFrom('workflows:get', { id: 'wf_1' }, appFrame)).resolves.toEqual({
      ok: true,
      value: { channel: 'workflows:get', input: { id: 'wf_1' } },
    });
  });

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['another local file', { url: 'file:///tmp/evil.html', parent: null }],
    ['an iframe inside the app', { url: appFrame.url, parent: appFrame }],
    ['a frame that is gone', null],
  ])(
    'refuses a call from %s with forbidden_origin, without reaching the engine',
    async (_name, frame) => {
      let engineCalls = 0;
      const { ipcMain } = registered(
        fakeEngine(async () => {
          engineCalls += 1;
          return { ok: true, value: null };
        }),
      );
      const result = (await ipcMain.invokeFrom('settings:get', {}, frame)) as Result<unknown>;
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('forbidden_origin');
      expect(engineCalls).toBe(0);
    },
  );

  it('turns an engine that throws into an internal-error Result instead of a rejection', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ipcMain } = registered(
      fakeEngine(async () => {
        throw new Error('disk on fire /home/user/secret');
      }),
    );
    const result = (await ipcMain.invokeFrom('app:info', {}, appFrame)) as Result<unknown>;
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.not.stringContaining('secret') },
    });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});

describe('forwardEngineEvents', () => {
  it('sends engine events to the window on the event channel until stopped, and skips a destroyed window', () => {
    const engine = fakeEngine();
    const sent: Array<[string, unknown]> = [];
    let destroyed = false;
    const stop = forwardEngineEvents(engine, {
      send: (channel, payload) => sent.push([channel, payload]),
      isDestroyed: () => destroyed,
    });
    engine.emit({ type: 'workflow.deleted', id: 'wf_1' });
    destroyed = true;
    engine.emit({ type: 'workflow.deleted', id: 'wf_2' });
    stop();
    expect(sent).toEqual([[ENGINE_EVENT_CHANNEL, { type: 'workflow.deleted', id: 'wf_1' }]]);
    expect(engine.listeners.size).toBe(0);
  });
});
