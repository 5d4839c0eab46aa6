import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '@shared/security';
import {
  hardenWebContents,
  installContentSecurityPolicy,
  rendererContentSecurityPolicy,
} from '../../electron/main/security';
import { rendererLocation } from '../../electron/main/renderer-location';
import { FakeSession, FakeShell, FakeWebContents } from './fakes';

const devRenderer = rendererLocation({
  isPackaged: false,
  devServerUrl: 'http://localhost:5173/',
  indexHtmlPath: '/app/out/renderer/index.html',
});

function hardened() {
  const contents = new FakeWebContents();
  const shell = new FakeShell();
  hardenWebContents(contents, { shell, isAppUrl: devRenderer.isAppUrl });
  return { contents, shell };
}

describe('hardenWebContents', () => {
  it('prevents navigation and redirects to another origin', () => {
    const { contents } = hardened();
    expect(contents.attempt('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(contents.attempt('will-navigate', 'http://localhost:5174/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('lets the app navigate within its own origin', () => {
    const { contents } = hardened();
    expect(contents.attempt('will-navigate', 'http://localhost:5173/workflows')).toBe(false);
    expect(contents.attempt('will-redirect', 'http://localhost:5173/')).toBe(false);
  });

  it('prevents attaching a <webview>', () => {
    expect(hardened().contents.attempt('will-attach-webview')).toBe(true);
  });

  it('denies window.open for every URL, and opens only http(s) ones in the browser', () => {
    const { contents, shell } = hardened();
    const urls = [
      'https://example.com',
      'http://example.org/page',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'switchyard-evil://payload',
      'ms-msdt:/id PCWDiagnostic',
      'mailto:someone@example.com',
      'not a url',
      'http://localhost:5173/',
    ];
    for (const url of urls)
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual([
      'https://example.com',
      'http://example.org/page',
      'http://localhost:5173/',
    ]);
  });
});

describe('installContentSecurityPolicy', () => {
  function respond(session: FakeSession, responseHeaders?: Record<string, string[]>) {
    let response: { responseHeaders?: Record<string, string | string[]> } | undefined;
    session.headersListener?.({ responseHeaders }, (r) => (response = r));
    return response?.responseHeaders ?? {};
  }

  it('sets the strict shared policy on every response and keeps the other headers', () => {
    const session = new FakeSession();
    installContentSecurityPolicy(session, { devServerOrigin: null });
    const headers = respond(session, {
      'content-type': ['text/html'],
      'content-security-policy': ['default-src *'],
    });
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['content-type']).toEqual(['text/html']);
    const policy = contentSecurityPolicy();
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
      "base-uri 'none'",
    ]) {
      expect(policy).toContain(directive);
    }
  });

  it('sets the policy even on a response without headers', () => {
    const session = new FakeSession();
    installContentSecurityPolicy(session, { devServerOrigin: null });
    expect(respond(session)['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
  });

  it('admits the dev server, its HMR socket and the inline refresh preamble only in development', () => {
    const dev = rendererContentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(dev).toContain("script-src 'self' 'unsafe-inline' http://localhost:5173;");
    expect(dev).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    const prod = rendererContentSecurityPolicy({ devServerOrigin: null });
    expect(prod).not.toContain("unsafe-inline' http");
    expect(prod).not.toContain('localhost');
    expect(prod).toMatch(/script-src 'self';/);
  });

  it('refuses every permission request and check', () => {
    const session = new FakeSession();
    installContentSecurityPolicy(session, { devServerOrigin: null });
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      session.permissionHandler?.({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(session.permissionCheck?.()).toBe(false);
  });
});
