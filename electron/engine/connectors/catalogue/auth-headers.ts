/** The header the runtime puts the body's SHA-256 in, so the SigV4 signer need not see the body. */
export const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';
