import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/security';

/**
 * Electron hardening read from what ships: the BUILT main and preload bundles (`npm run build`
 * writes out/, and `npm test` builds before vitest), not from the sources a bundler might drop.
 */
const out = resolve(import.meta.dirname, '../../out');
const mainEntry = join(out, 'main/index.js');
const built = existsSync(mainEntry);
const read = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(c|m)?js$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');

describe.skipIf(!built)(
  'the built Electron main bundle (out/main: run `npm run build` first)',
  () => {
    const main = built ? read(join(out, 'main')) : '';
    const preload = built ? read(join(out, 'preload')) : '';

    it('opens windows sandboxed, context-isolated, without Node integration', () => {
      expect(main).toMatch(/sandbox:\s*true/);
      expect(main).toMatch(/contextIsolation:\s*true/);
      expect(main).toMatch(/nodeIntegration:\s*false/);
      expect(main).toMatch(/webSecurity:\s*true/);
      for (const weakening of [
        /sandbox:\s*false/,
        /contextIsolation:\s*false/,
        /nodeIntegration(InWorker|InSubFrames)?:\s*true/,
        /webSecurity:\s*false/,
        /webviewTag:\s*true/,
        /allowRunningInsecureContent:\s*true/,
        /experimentalFeatures:\s*true/,
      ])
        expect(main).not.toMatch(weakening);
    });

    it('has no remote module', () => {
      expect(main + preload).not.toMatch(/@electron\/remote|enableRemoteModule|electron\.remote\b/);
    });

    it('blocks navigation, redirects, webviews and window.open', () => {
      expect(main).toMatch(/on\("will-navigate"/);
      expect(main).toMatch(/on\("will-redirect"/);
      expect(main).toMatch(/on\("will-attach-webview", \(event\) => event\.preventDefault\(\)\)/);
      expect(main).toMatch(/setWindowOpenHandler\(/);
      expect(main).toMatch(/return \{ action: "deny" \}/);
      expect(main).not.toMatch(/action: "allow"/);
      expect(main).toMatch(/app\.on\("web-contents-created"/);
    });

    it('opens external links only for http(s) URLs or a fixed https address', () => {
      // The engine's OAuth sign-in calls the opener the shell injects, which is the guarded one.
      expect(main).toMatch(/openExternal: \(url\) => openExternalWebUrl\(shell, url\)/);
      const calls = [...main.matchAll(/(?<!deps\.)openExternal\(([^)]*)\)/g)].map((m) =>
        m[1]!.trim(),
      );
      expect(calls.length).toBeGreaterThan(0);
      for (const argument of calls) {
        if (argument === 'url') {
          expect(main).toMatch(
            /if \(isExternalWebUrl\(url\)\) options\.shell\.openExternal\(url\)/,
          );
          expect(main).toMatch(/protocol === "https:" \|\| protocol === "http:"/);
          expect(main).toMatch(/if \(!isExternalWebUrl\(url\)\) throw new Error\(/);
        } else {
          const constant = new RegExp(`var ${argument} = "([^"]+)"`).exec(main);
          expect(constant?.[1], `openExternal(${argument})`).toMatch(/^https:\/\//);
        }
      }
    });

    it('refuses every permission request and check', () => {
      expect(main).toMatch(
        /setPermissionRequestHandler\(\(_webContents, _permission, callback\) => callback\(false\)\)/,
      );
      expect(main).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    });

    it('sets a Content-Security-Policy on every response', () => {
      expect(main).toMatch(/headers\["Content-Security-Policy"\] = \[policy\]/);
    });

    it('exposes only the typed bridge to the renderer', () => {
      const exposed = [...preload.matchAll(/exposeInMainWorld\("([^"]+)"/g)].map((m) => m[1]);
      expect(exposed).toEqual(['switchyard']);
      // The raw ipcRenderer would let a page call any channel, including Electron's own.
      expect(preload).not.toMatch(/exposeInMainWorld\("[^"]+",\s*(electron\.)?ipcRenderer\s*\)/);
      expect(preload).toMatch(
        /exposeInMainWorld\("switchyard", createPreloadBridge\(ipcRenderer\)\)/,
      );
    });
  },
);

describe('the production Content-Security-Policy', () => {
  const policy = contentSecurityPolicy();
  it('allows scripts from the app only, no eval, no inline, no plugins, no framing', () => {
    expect(policy).toContain("default-src 'self'");
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("base-uri 'none'");
  });
});
