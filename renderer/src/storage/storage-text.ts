import type { StorageHealth } from '@shared/storage';

/** The banner's sentence: what happened, what to do, what the app does meanwhile. */
export const diskFullSentence = (dataDir: string): string =>
  `Switchyard can’t save — the disk holding your data is full. Free some space on ${dataDir}; waiting work will resume by itself. Webhook senders are asked to retry.`;

/** "14:05" today, "3 Dec, 14:05" another day. */
export function clockTime(iso: string, now: number): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === new Date(now).toDateString()) return time;
  return `${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}

/** "850 KB", "1.2 GB": how much room the disk has, roughly. */
export function byteSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}

export const freeSpaceText = (health: StorageHealth): string | null =>
  health.freeBytes === null ? null : `${byteSize(health.freeBytes)} free`;
