import type { MenuItemConstructorOptions } from 'electron';
import type { ExternalOpener } from './security';

export const DOCUMENTATION_URL = 'https://switchyard.app/docs';

/** The application menu: standard roles, with developer tools only in unpackaged builds. */
export function appMenuTemplate(options: {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  shell: ExternalOpener;
}): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const developerItems: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ];
  const template: MenuItemConstructorOptions[] = [
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developerItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Switchyard documentation',
          click: () => {
            options.shell.openExternal(DOCUMENTATION_URL).catch((error: unknown) => {
              console.warn('Could not open the documentation:', error);
            });
          },
        },
      ],
    },
  ];
  return isMac ? [{ role: 'appMenu' }, ...template] : template;
}
