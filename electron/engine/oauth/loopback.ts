import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '@shared/errors';

export const CALLBACK_PATH = '/oauth2/callback';

export interface CallbackParams {
  code?: string;
  error?: string;
  errorDescription?: string;
  /** Every query parameter of the redirect (a service may name the account there). */
  query: Record<string, string>;
}

export interface LoopbackReceiver {
  /** `http://127.0.0.1:PORT/oauth2/callback`, the redirect_uri to register with the flow. */
  redirectUri: string;
  close(): void;
}

/**
 * The installed-app redirect target (RFC 8252 §7.3): a server on 127.0.0.1, a port the OS
 * picks — or, for a service that accepts only a registered redirect URI, that URI's port and
 * path. Only a request carrying the flow's `state` is handed on; the page it answers with is
 * what `handle` resolves to, so the browser tab says whether the sign-in worked.
 */
export async function startLoopbackReceiver(
  state: string,
  handle: (params: CallbackParams) => Promise<{ ok: boolean; message: string }>,
  fixedRedirectUri?: string,
): Promise<LoopbackReceiver> {
  const fixed = fixedRedirectUri ? new URL(fixedRedirectUri) : undefined;
  const callbackPath = fixed?.pathname ?? CALLBACK_PATH;
  let handled = false;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, ok: boolean, message: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(page(ok, message));
    };
    if (req.method !== 'GET' || url.pathname !== callbackPath) {
      return reply(404, false, 'This address only receives a sign-in for Switchyard.');
    }
    if (url.searchParams.get('state') !== state) {
      return reply(400, false, 'This sign-in does not belong to the one Switchyard started.');
    }
    if (handled) return reply(409, false, 'This sign-in has already been completed.');
    handled = true;
    const params: CallbackParams = {
      code: url.searchParams.get('code') ?? undefined,
      error: url.searchParams.get('error') ?? undefined,
      errorDescription: url.searchParams.get('error_description') ?? undefined,
      query: Object.fromEntries(url.searchParams),
    };
    handle(params).then(
      (outcome) => reply(outcome.ok ? 200 : 400, outcome.ok, outcome.message),
      (error: unknown) => reply(500, false, error instanceof Error ? error.message : String(error)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        fixed && error.code === 'EADDRINUSE'
          ? new UserError(
              'invalid_input',
              `Port ${fixed.port} of this computer is in use, so the sign-in cannot come back to ${fixedRedirectUri}. Finish or cancel the other sign-in (or close the program using it), then start again.`,
            )
          : error,
      ),
    );
    server.listen(fixed ? Number(fixed.port) : 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    redirectUri: fixedRedirectUri ?? `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    close: () => {
      server.close();
      server.closeIdleConnections();
    },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(ok: boolean, message: string): string {
  const title = ok ? 'Signed in' : 'Sign-in failed';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchyard — ${title}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
@media (prefers-color-scheme:dark){body{background:#16181d;color:#e6e6e6}}h1{font-size:1.4rem}</style></head>
<body><h1>${title}</h1><p>${escapeHtml(message)}</p><p>You can close this tab and go back to Switchyard.</p></body></html>`;
}
