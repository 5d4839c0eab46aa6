import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, DOCUMENTATION_URL } from '../../electron/main/menu';
import { FakeShell } from './fakes';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('appMenuTemplate', () => {
  it('puts the macOS app menu first, and leaves it out elsewhere', () => {
    const shell = new FakeShell();
    expect(appMenuTemplate({ platform: 'darwin', isPackaged: true, shell })[0]?.role).toBe(
      'appMenu',
    );
    const linux = appMenuTemplate({ platform: 'linux', isPackaged: true, shell });
    expect(linux[0]?.role).toBe('fileMenu');
    expect(roles(linux)).not.toContain('appMenu');
    expect(linux.map((item) => item.role ?? item.label)).toEqual([
      'fileMenu',
      'editMenu',
      'View',
      'windowMenu',
      'help',
    ]);
  });

  it('offers reload and developer tools only when not packaged', () => {
    const shell = new FakeShell();
    const packaged = roles(appMenuTemplate({ platform: 'linux', isPackaged: true, shell }));
    const development = roles(appMenuTemplate({ platform: 'linux', isPackaged: false, shell }));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(packaged).not.toContain(role);
      expect(development).toContain(role);
    }
    expect(packaged).toContain('togglefullscreen');
  });

  it('opens the https documentation in the browser from Help', () => {
    const shell = new FakeShell();
    const help = appMenuTemplate({ platform: 'win32', isPackaged: true, shell }).find(
      (item) => item.role === 'help',
    );
    const docs = (help?.submenu as MenuItemConstructorOptions[]).find(
      (item) => item.label === 'Switchyard documentation',
    );
    (docs?.click as () => void)();
    expect(DOCUMENTATION_URL).toMatch(/^https:\/\//);
    expect(shell.opened).toEqual([DOCUMENTATION_URL]);
  });
});
