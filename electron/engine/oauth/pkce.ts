import { createHash, randomBytes } from 'node:crypto';

/** RFC 7636: a 43-character verifier from 32 random bytes, and its S256 challenge. */
export function newPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The `state` that ties a redirect to the flow that asked for it (unguessable, single use). */
export const newState = () => randomBytes(24).toString('base64url');
