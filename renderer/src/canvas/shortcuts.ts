const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** "Ctrl+S" or "⌘S", for titles. */
export const shortcutText = (key: string, shift = false) =>
  isMac ? `${shift ? '⇧' : ''}⌘${key}` : `Ctrl+${shift ? 'Shift+' : ''}${key}`;

/** The aria-keyshortcuts value for a Ctrl/Cmd shortcut. */
export const ariaShortcut = (key: string, shift = false) =>
  `${shift ? 'Shift+' : ''}Control+${key} ${shift ? 'Shift+' : ''}Meta+${key}`;
