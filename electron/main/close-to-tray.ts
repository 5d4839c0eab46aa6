/** The slice of BrowserWindow that closing to the tray touches. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

/**
 * Closing the window hides it when "close to tray" is on and the app is not quitting; the
 * first time, the user is told once where Switchyard went.
 */
export function installCloseToTray(
  window: ClosableWindow,
  deps: {
    closeToTray(): boolean;
    isQuitting(): boolean;
    alreadyExplained(): boolean;
    explain(): void;
  },
): void {
  window.on('close', (event) => {
    if (deps.isQuitting() || !deps.closeToTray()) return;
    event.preventDefault();
    window.hide();
    if (!deps.alreadyExplained()) deps.explain();
  });
}

export const CLOSE_TO_TRAY_NOTICE = {
  title: 'Switchyard is still running',
  body: 'Your workflows keep running in the background. Open Switchyard or quit it from the tray icon. You can change this in Settings.',
};
