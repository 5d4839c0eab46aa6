/** The slice of Electron's app that start-at-login uses. */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

/** Started at login, Switchyard opens to the tray, not a window. */
export const HIDDEN_ARG = '--hidden';

export function applyStartAtLogin(app: LoginItemApp, enabled: boolean): void {
  app.setLoginItemSettings({ openAtLogin: enabled, args: enabled ? [HIDDEN_ARG] : [] });
}
