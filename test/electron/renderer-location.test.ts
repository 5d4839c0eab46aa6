import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rendererLocation } from '../../electron/main/renderer-location';

const indexHtmlPath = '/opt/Switchyard/resources/app/out/renderer/index.html';

describe('rendererLocation', () => {
  it('loads the built index.html in a packaged app, even when ELECTRON_RENDERER_URL is set', async () => {
    const location = rendererLocation({
      isPackaged: true,
      devServerUrl: 'https://evil.example/',
      indexHtmlPath,
    });
    expect(location.devServerOrigin).toBeNull();
    const loaded: string[] = [];
    await location.load({
      loadURL: async (url) => void loaded.push(`url ${url}`),
      loadFile: async (file) => void loaded.push(`file ${file}`),
    });
    expect(loaded).toEqual([`file ${indexHtmlPath}`]);
    expect(location.isAppUrl('https://evil.example/')).toBe(false);
  });

  it('treats only the built index.html as the app when loading from files', () => {
    const location = rendererLocation({
      isPackaged: false,
      devServerUrl: undefined,
      indexHtmlPath,
    });
    const index = pathToFileURL(indexHtmlPath).href;
    expect(location.isAppUrl(index)).toBe(true);
    expect(location.isAppUrl(`${index}#/workflows`)).toBe(true);
    expect(location.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(
      location.isAppUrl(
        pathToFileURL('/opt/Switchyard/resources/app/out/renderer/other.html').href,
      ),
    ).toBe(false);
    expect(
      location.isAppUrl(
        'file://attacker-host/opt/Switchyard/resources/app/out/renderer/index.html',
      ),
    ).toBe(false);
    expect(location.isAppUrl('not a url')).toBe(false);
  });

  it('treats the dev server origin as the app in development', async () => {
    const location = rendererLocation({
      isPackaged: false,
      devServerUrl: 'http://localhost:5173',
      indexHtmlPath,
    });
    expect(location.devServerOrigin).toBe('http://localhost:5173');
    expect(location.isAppUrl('http://localhost:5173/settings')).toBe(true);
    expect(location.isAppUrl('http://localhost:5173.evil.example/')).toBe(false);
    expect(location.isAppUrl(pathToFileURL(indexHtmlPath).href)).toBe(false);
    const loaded: string[] = [];
    await location.load({
      loadURL: async (url) => void loaded.push(url),
      loadFile: async () => {},
    });
    expect(loaded).toEqual(['http://localhost:5173/']);
  });
});
