import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc/contract';

/** Where a served app listens and the token that authorises calls to it. */
export interface ServedEngine {
  origin: string;
  token: string;
}

/**
 * Calls one contract channel over the browser-mode HTTP bridge, as the renderer does, and
 * returns its value; an error result throws with the engine's message.
 */
export async function callApi<C extends Channel>(
  app: ServedEngine,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const response = await fetch(`${app.origin}/api/call/${channel}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${app.token}`,
      origin: app.origin,
      'content-type': 'application/json',
    },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as
    { ok: true; value: ChannelOutput<C> } | { ok: false; error: { code: string; message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error.code}: ${body.error.message}`);
  return body.value;
}

/** Polls `probe` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
