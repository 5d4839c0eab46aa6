import { z } from 'zod';

export const Theme = z.enum(['system', 'light', 'dark']);

/** Every setting with its default; the store fills in defaults for keys never set. */
export const Settings = z.object({
  theme: Theme.default('system'),
  /** Port of the loopback server; chosen on first start and kept so webhook URLs survive restarts. */
  serverPort: z.number().int().min(1024).max(65535).nullable().default(null),
  /** The user's tunnel address in front of the loopback server, used to show public webhook URLs. */
  publicBaseUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
});
export type Settings = z.infer<typeof Settings>;
export type SettingKey = keyof Settings;

export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings = (): Settings => Settings.parse({});
