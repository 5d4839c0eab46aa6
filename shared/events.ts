import { z } from 'zod';

/** Everything the engine tells the renderer, on one typed channel. */
export const EngineEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('workflow.saved'), id: z.string(), version: z.number() }),
  z.object({ type: z.literal('workflow.deleted'), id: z.string() }),
  z.object({ type: z.literal('connection.deleted'), id: z.string() }),
  z.object({ type: z.literal('settings.changed'), keys: z.array(z.string()) }),
]);
export type EngineEvent = z.infer<typeof EngineEvent>;

export { ENGINE_EVENT_CHANNEL } from './ipc/channels';
