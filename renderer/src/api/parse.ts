import { z } from 'zod';
import { contract, type Channel, type ChannelOutput } from '@shared/ipc/contract';
import { fail, ok, type Result } from '@shared/ipc/result';
import { EngineEvent } from '@shared/events';
import { isErrorCode } from './errors';

const ResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  }),
]);

/** Checks what the engine sent against the contract: the renderer trusts no transport blindly. */
export function parseResult<C extends Channel>(channel: C, raw: unknown): Result<ChannelOutput<C>> {
  const envelope = ResultEnvelope.safeParse(raw);
  if (!envelope.success) {
    return fail({
      code: 'internal',
      message: `The engine's answer to ${channel} is not a result.`,
    });
  }
  const answer = envelope.data;
  if (!answer.ok) {
    const { code, message, details } = answer.error;
    const known = isErrorCode(code) ? code : 'internal';
    return fail(
      details === undefined ? { code: known, message } : { code: known, message, details },
    );
  }
  const output = contract[channel].output as unknown as z.ZodType<ChannelOutput<C>>;
  const value = output.safeParse(answer.value);
  if (!value.success) {
    return fail({
      code: 'internal',
      message: `The engine's answer to ${channel} does not match the contract.`,
      details: value.error.issues,
    });
  }
  return ok(value.data);
}

/** An engine event, or null when the payload is not one (logged, then ignored). */
export function parseEngineEvent(raw: unknown): EngineEvent | null {
  const event = EngineEvent.safeParse(raw);
  if (event.success) return event.data;
  console.warn('Ignored an engine event that does not match the contract', raw);
  return null;
}
