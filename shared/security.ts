export interface CspOptions {
  /** During development only: the Vite dev server, its HMR socket and its inline React preamble. */
  devServerOrigin?: string | null;
  /** For a <meta> tag, which cannot carry frame-ancestors (browsers ignore it there and warn). */
  meta?: boolean;
}

/** The Content-Security-Policy of every Switchyard page, whether Electron or the loopback server delivers it. */
export function contentSecurityPolicy({
  devServerOrigin = null,
  meta = false,
}: CspOptions = {}): string {
  const dev = devServerOrigin ? [devServerOrigin] : [];
  const devSocket = devServerOrigin ? [devServerOrigin.replace(/^http/, 'ws')] : [];
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...(devServerOrigin ? ["'unsafe-inline'"] : []), ...dev].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...dev, ...devSocket].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    ...(meta ? [] : ["frame-ancestors 'none'"]),
    "form-action 'none'",
  ].join('; ');
}
