import { z } from 'zod';
import { WorkflowId } from './workflow/schema';

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 22:00');

/** A daily window (local time) in which no notification is shown; it may cross midnight. */
export const QuietHours = z
  .object({ start: ClockTime, end: ClockTime })
  .strict()
  .refine((q) => q.start !== q.end, { message: 'must end at another time than it starts' });
export type QuietHours = z.infer<typeof QuietHours>;

const fields = {
  /** Closing the window keeps Switchyard running in the tray. */
  closeToTray: z.boolean(),
  /** Switchyard starts (to the tray) when the user logs in. */
  startAtLogin: z.boolean(),
  /** Native notifications for holds, pauses and runs that failed after all retries. */
  notificationsEnabled: z.boolean(),
  quietHours: QuietHours.nullable(),
  /** Workflows whose problems never raise a notification (they still show in the tray). */
  mutedWorkflowIds: z.array(WorkflowId).max(1000, 'can hold at most 1000 workflows'),
};

/** The desktop shell's own preferences, kept by the shell (electron-store), not in the database. */
export const DesktopPreferences = z.object({
  closeToTray: fields.closeToTray.default(true),
  startAtLogin: fields.startAtLogin.default(false),
  notificationsEnabled: fields.notificationsEnabled.default(true),
  quietHours: fields.quietHours.default(null),
  mutedWorkflowIds: fields.mutedWorkflowIds.default([]),
});
export type DesktopPreferences = z.infer<typeof DesktopPreferences>;

/** A change to some desktop preferences; keys left out keep their value. */
export const DesktopPreferencesPatch = z.object(fields).partial().strict();
export type DesktopPreferencesPatch = z.infer<typeof DesktopPreferencesPatch>;

export const defaultDesktopPreferences = (): DesktopPreferences => DesktopPreferences.parse({});
