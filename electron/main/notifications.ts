import type { PlannedNotification } from '../engine/attention/notification-planner';

/** The slice of Electron's Notification the shell uses. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}
export interface NotificationFactory {
  isSupported(): boolean;
  create(options: { title: string; body: string; icon?: string }): NotificationLike;
}

/** Shows a planned notification natively; a click opens the screen it is about. */
export function showPlannedNotification(
  factory: NotificationFactory,
  planned: PlannedNotification,
  openScreen: (route: string) => void,
  icon?: string,
): boolean {
  if (!factory.isSupported()) return false;
  const notification = factory.create({ title: planned.title, body: planned.body, icon });
  notification.on('click', () => openScreen(planned.route));
  notification.show();
  return true;
}

const SAFE_ROUTE = /^\/[A-Za-z0-9_\-/%]*$/;

/** The script that moves the renderer to a screen; only plain hash paths are accepted. */
export function navigationScript(route: string): string {
  if (!SAFE_ROUTE.test(route)) throw new Error(`Refusing to open an unexpected route: ${route}`);
  return `location.hash = ${JSON.stringify(`#${route}`)}`;
}
