import type { EngineEvent } from '@shared/events';
import type { SwitchyardApi } from '@shared/ipc/api';
import { fail } from '@shared/ipc/result';
import { parseEngineEvent, parseResult } from './parse';

export interface HttpTransportOptions {
  /** Prefix for the engine's endpoints; '' means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

/**
 * Browser mode: the engine serves this app over loopback HTTP and has already authenticated the
 * browser with an HttpOnly cookie, so requests carry no token of their own.
 */
export function createHttpApi(options: HttpTransportOptions = {}): SwitchyardApi {
  const baseUrl = options.baseUrl ?? '';
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
  const listeners = new Set<(event: EngineEvent) => void>();
  let source: EventSource | null = null;

  const openEventStream = () => {
    // EventSource reconnects by itself after the engine restarts or the network blips.
    source = new EventSourceImpl(`${baseUrl}/api/events`);
    source.onmessage = (message: MessageEvent<string>) => {
      let raw: unknown;
      try {
        raw = JSON.parse(message.data);
      } catch {
        console.warn('Ignored an engine event that is not JSON', message.data);
        return;
      }
      const event = parseEngineEvent(raw);
      if (event) listeners.forEach((listener) => listener(event));
    };
  };

  return {
    async call(channel, input) {
      let response: Response;
      try {
        response = await fetchFn(`${baseUrl}/api/call/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
          credentials: 'same-origin',
        });
      } catch {
        return fail({
          code: 'internal',
          message: 'The Switchyard engine is not reachable. Check that it is still running.',
        });
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        if (response.status === 401 || response.status === 403) {
          return fail({
            code: 'unauthorized',
            message: `The engine refused this browser's session (HTTP ${response.status}).`,
          });
        }
        return fail({
          code: 'internal',
          message: `The Switchyard engine answered ${channel} with HTTP ${response.status} and no result.`,
        });
      }
      return parseResult(channel, body);
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!source) openEventStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
