import { Settings, type SettingsPatch } from '@shared/settings';
import type { Db } from '../open';
import type { Logger } from '../../types';

export function createSettingsRepo(db: Db, logger: Logger) {
  const all = db.prepare('SELECT key, value FROM settings');
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );

  function get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const { key, value } of all.all() as { key: string; value: string }[]) {
      if (!(key in Settings.shape)) continue;
      // One unreadable value falls back to its default instead of hiding every other setting.
      const one = Settings.shape[key as keyof Settings].safeParse(safeJson(value));
      if (one.success) stored[key] = one.data;
      else logger.warn('ignoring an invalid stored setting', { key });
    }
    return Settings.parse(stored);
  }

  return {
    get,
    set(patch: SettingsPatch, now: Date): Settings {
      db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) {
          if (value !== undefined) upsert.run(key, JSON.stringify(value), now.toISOString());
        }
      })();
      return get();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
