import { pathToFileURL } from 'node:url';

/** Where the renderer is loaded from, and the one test of whether a URL is the app itself. */
export interface RendererLocation {
  /** The URL the main window loads. */
  readonly url: string;
  /** The Vite dev server origin in development, null when the built files are loaded. */
  readonly devServerOrigin: string | null;
  isAppUrl(url: string): boolean;
  load(window: RendererHost): Promise<void>;
}

export interface RendererHost {
  loadURL(url: string): Promise<void>;
  loadFile(filePath: string): Promise<void>;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The dev server URL is honoured only when the app is not packaged: in a packaged app an
 * environment variable must not be able to point the trusted window at another site.
 */
export function rendererLocation(options: {
  isPackaged: boolean;
  devServerUrl: string | undefined;
  indexHtmlPath: string;
}): RendererLocation {
  const devUrl = options.isPackaged || !options.devServerUrl ? null : parse(options.devServerUrl);
  if (devUrl && (devUrl.protocol === 'http:' || devUrl.protocol === 'https:')) {
    const origin = devUrl.origin;
    return {
      url: devUrl.href,
      devServerOrigin: origin,
      isAppUrl: (url) => parse(url)?.origin === origin,
      load: (window) => window.loadURL(devUrl.href),
    };
  }
  const index = pathToFileURL(options.indexHtmlPath);
  return {
    url: index.href,
    devServerOrigin: null,
    // A file: URL's origin is opaque ('null'), so the built app is matched by its exact file.
    isAppUrl: (url) => {
      const candidate = parse(url);
      return (
        candidate?.protocol === 'file:' &&
        candidate.host === index.host &&
        candidate.pathname === index.pathname
      );
    },
    load: (window) => window.loadFile(options.indexHtmlPath),
  };
}
