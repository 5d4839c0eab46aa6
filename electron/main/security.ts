import { contentSecurityPolicy } from '@shared/security';

/** The slice of WebContents that hardening touches. */
export interface HardenableWebContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { url: string; preventDefault(): void }) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Only web pages leave the app, in the user's browser: never file:, javascript: or other schemes. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Opens a page (an OAuth sign-in) in the user's browser; any other scheme is refused. */
export async function openExternalWebUrl(shell: ExternalOpener, url: string): Promise<void> {
  if (!isExternalWebUrl(url)) throw new Error('Only http(s) addresses open in the browser.');
  await shell.openExternal(url);
}

export function hardenWebContents(
  contents: HardenableWebContents,
  options: { shell: ExternalOpener; isAppUrl: (url: string) => boolean },
): void {
  const keepInApp = (event: { url: string; preventDefault(): void }) => {
    if (!options.isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      options.shell.openExternal(url).catch((error: unknown) => {
        console.warn(`Could not open ${url} in the browser:`, error);
      });
    }
    return { action: 'deny' };
  });
}

/**
 * The shared policy, plus what the Vite dev server needs during development: its origin, the HMR
 * socket, and the React refresh preamble, which Vite injects as an inline script.
 */
export function rendererContentSecurityPolicy(options: { devServerOrigin: string | null }): string {
  return contentSecurityPolicy({ devServerOrigin: options.devServerOrigin });
}

type ResponseHeaders = Record<string, string | string[]>;

/** The slice of Session that the policy and the permission refusal touch. */
export interface HardenableSession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: ResponseHeaders }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

export function installContentSecurityPolicy(
  session: HardenableSession,
  options: { devServerOrigin: string | null },
): void {
  const policy = rendererContentSecurityPolicy(options);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: ResponseHeaders = {};
    // Drop any policy the response brought, whatever its casing, so ours is the only one.
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
  // Switchyard needs no camera, notifications-from-page, geolocation…: every request is refused.
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
