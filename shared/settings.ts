import { z } from 'zod';

export const Theme = z.enum(['system', 'light', 'dark']);

const fields = {
  theme: Theme,
  /** Port of the loopback server; chosen on first start and kept so webhook URLs survive restarts. */
  serverPort: z.number().int().min(1024).max(65535).nullable(),
  /** The user's tunnel address in front of the loopback server, used to show public webhook URLs. */
  publicBaseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(500)
    .nullable(),
  /** Runs and their logs older than this are deleted (daily counts are kept for statistics). */
  runRetentionDays: z.number().int().min(1, 'must be at least 1 day').max(3650),
  /** When runs take more than this much disk, the oldest finished ones are deleted first. */
  runStorageCapMb: z.number().int().min(16, 'must be at least 16 MB').max(1_000_000),
  /**
   * How many workflow runs the background executes at once. 1 runs them strictly one at a time,
   * so a crash can leave at most one action to be sent again.
   */
  runsAtOnce: z
    .number({ error: 'must be a whole number from 1 to 16' })
    .int('must be a whole number from 1 to 16')
    .min(1, 'must be at least 1')
    .max(16, 'must be at most 16'),
};

export const DEFAULT_RUNS_AT_ONCE = 8;
/** The "Runs at once" setting alone, for the CLI flag that overrides it. */
export const RunsAtOnce = fields.runsAtOnce;

/** Every setting with its default; the store fills in defaults for keys never set. */
export const Settings = z.object({
  theme: fields.theme.default('system'),
  serverPort: fields.serverPort.default(null),
  publicBaseUrl: fields.publicBaseUrl.default(null),
  runRetentionDays: fields.runRetentionDays.default(90),
  runStorageCapMb: fields.runStorageCapMb.default(2048),
  runsAtOnce: fields.runsAtOnce.default(DEFAULT_RUNS_AT_ONCE),
});
export type Settings = z.infer<typeof Settings>;
export type SettingKey = keyof Settings;

/** A change to some settings. No defaults here: a patch must never reset the keys it omits. */
export const SettingsPatch = z.object(fields).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings = (): Settings => Settings.parse({});
