import type { Keyring } from '../types';

/** Layout of the reply buffer: [state, length] as Int32, then the key bytes. */
const HEADER_BYTES = 8;
const MAX_KEY_BYTES = 256;
const PENDING = 0;
const DONE = 1;
const FAILED = 2;

export interface UnwrapRequest {
  type: 'unwrap';
  wrapped: Uint8Array;
  reply: SharedArrayBuffer;
}

/**
 * The keyring of a background worker: it cannot reach the OS keychain (safeStorage lives on
 * Electron's main thread), so it asks the main thread to unwrap a data key and waits for the
 * answer. The vault caches each unwrapped key, so this happens once per key and worker.
 */
export function createRelayKeyring(
  kind: string,
  send: (request: UnwrapRequest) => void,
  timeoutMs = 10_000,
): Keyring {
  return {
    kind,
    unavailableReason: () => null,
    wrap() {
      throw new Error('Background workers do not make vault keys; the main thread does.');
    },
    unwrap(wrapped) {
      const reply = new SharedArrayBuffer(HEADER_BYTES + MAX_KEY_BYTES);
      const header = new Int32Array(reply, 0, 2);
      send({ type: 'unwrap', wrapped: new Uint8Array(wrapped), reply });
      if (Atomics.wait(header, 0, PENDING, timeoutMs) === 'timed-out') {
        throw new Error(`the main thread did not unwrap the vault key within ${timeoutMs} ms`);
      }
      const length = header[1]!;
      const bytes = Buffer.from(new Uint8Array(reply, HEADER_BYTES, length));
      if (Atomics.load(header, 0) === FAILED) throw new Error(bytes.toString('utf8'));
      return bytes;
    },
  };
}

/** The main thread's side: unwraps with the real keyring and wakes the waiting worker. */
export function answerUnwrap(keyring: Keyring, request: UnwrapRequest): void {
  const header = new Int32Array(request.reply, 0, 2);
  const body = new Uint8Array(request.reply, HEADER_BYTES, MAX_KEY_BYTES);
  let state = DONE;
  let bytes: Uint8Array;
  try {
    bytes = keyring.unwrap(Buffer.from(request.wrapped));
    if (bytes.length > MAX_KEY_BYTES) throw new Error('the unwrapped key is too long');
  } catch (error) {
    state = FAILED;
    bytes = Buffer.from(error instanceof Error ? error.message : String(error), 'utf8').subarray(
      0,
      MAX_KEY_BYTES,
    );
  }
  body.set(bytes);
  Atomics.store(header, 1, bytes.length);
  Atomics.store(header, 0, state);
  Atomics.notify(header, 0);
}

export const isUnwrapRequest = (m: unknown): m is UnwrapRequest =>
  typeof m === 'object' &&
  m !== null &&
  (m as { type?: unknown }).type === 'unwrap' &&
  (m as { reply?: unknown }).reply instanceof SharedArrayBuffer;
