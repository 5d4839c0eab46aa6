import { z } from 'zod';
import { StorageHealth } from './storage';
import { WorkflowState } from './workflow/states';

/** Everything the engine tells the renderer, on one typed channel. */
export const EngineEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('workflow.saved'), id: z.string(), version: z.number() }),
  z.object({ type: z.literal('workflow.deleted'), id: z.string() }),
  z.object({ type: z.literal('connection.deleted'), id: z.string() }),
  /** A connection was added, changed, tested, or found to need the user (needs reconnect). */
  z.object({ type: z.literal('connection.changed'), id: z.string() }),
  z.object({ type: z.literal('settings.changed'), keys: z.array(z.string()) }),
  /** A workflow moved to another state by itself (on hold, paused) or by the operator. */
  z.object({ type: z.literal('workflow.state'), id: z.string(), state: WorkflowState }),
  /** Runs of these workflows were queued, progressed or finished; lists refetch what they show. */
  z.object({ type: z.literal('runs.changed'), workflowIds: z.array(z.string()) }),
  /** The disk refused a write (state full), or room came back (state ok). */
  z.object({ type: z.literal('storage.changed'), storage: StorageHealth }),
]);
export type EngineEvent = z.infer<typeof EngineEvent>;

export { ENGINE_EVENT_CHANNEL } from './ipc/channels';
