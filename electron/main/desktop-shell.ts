import type { DesktopShell } from '../engine/types';
import { applyStartAtLogin, type LoginItemApp } from './login-item';
import type { ShellPreferences } from './preferences';

/**
 * The preferences the renderer reads and changes through desktop:get/set. A change takes effect
 * at once: the tray, notifications and close button read the preferences each time; the OS login
 * item is registered here (only by a packaged app, so a development build never registers itself).
 */
export function createDesktopShell(
  preferences: ShellPreferences,
  login: { app: LoginItemApp; enabled: boolean },
): DesktopShell {
  return {
    get: () => preferences.desktop(),
    change(patch) {
      const before = preferences.desktop();
      const after = preferences.changeDesktop(patch);
      if (login.enabled && after.startAtLogin !== before.startAtLogin)
        applyStartAtLogin(login.app, after.startAtLogin);
      return after;
    },
  };
}
