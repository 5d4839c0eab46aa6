import type { Engine } from '../../electron/engine';

/** Calls the contract and returns the value, throwing the error's code and message otherwise. */
export async function call<T>(engine: Engine, channel: string, input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
