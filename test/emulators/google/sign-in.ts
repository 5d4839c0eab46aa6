import type { AuthorizeStatus } from '@shared/ipc/contract';
import type { Engine } from '../../../electron/engine';
import { call } from '../../support/call';
import type { GoogleEmulator } from './server';

/**
 * The browser sign-in against the emulator, through the engine's API: authorize, follow the
 * consent redirect to the engine's loopback, read the result. With `id` it reconnects that
 * connection (new tokens for the same connection, which releases workflows held by it).
 */
export async function signInToEmulator(
  engine: Engine,
  emu: Pick<GoogleEmulator, 'client' | 'url'>,
  options: { id?: string; name?: string } = {},
): Promise<AuthorizeStatus> {
  const started = await call<{ flowId: string; authUrl: string }>(engine, 'connections:authorize', {
    kind: 'google',
    name: options.name ?? 'Ada’s Google',
    credentials: {
      clientId: emu.client.clientId,
      clientSecret: emu.client.clientSecret,
      apiRootUrl: emu.url,
    },
    ...(options.id ? { id: options.id } : {}),
  });
  const consent = await fetch(started.authUrl, { redirect: 'manual' });
  await (await fetch(consent.headers.get('location')!)).text();
  return call<AuthorizeStatus>(engine, 'connections:authstatus', { flowId: started.flowId });
}
