import { z } from 'zod';

/**
 * Whether the engine can save: `full` from the first write the disk refused until a check finds
 * room again. Nothing saved before is lost while full; waiting work resumes by itself after.
 */
export const StorageHealth = z.object({
  state: z.enum(['ok', 'full']),
  /** The directory that holds the database: the disk the operator has to free space on. */
  dataDir: z.string(),
  /** When the current episode started (the first refused write); null while ok. */
  fullSince: z.string().nullable(),
  /** The latest write the disk refused, in this episode or an earlier one. */
  lastRefused: z.object({ at: z.string(), what: z.string() }).nullable(),
  /** When space last came back. */
  recoveredAt: z.string().nullable(),
  /** Bytes free on that disk for Switchyard, when the platform says (fs.statfs). */
  freeBytes: z.number().int().nonnegative().nullable(),
});
export type StorageHealth = z.infer<typeof StorageHealth>;
