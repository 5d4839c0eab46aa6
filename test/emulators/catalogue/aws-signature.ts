import { createHash } from 'node:crypto';
import { signSigV4 } from '../../../electron/engine/connectors/catalogue/sigv4';
import type { StubRequest } from './server';

export const AWS_KEYS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/**
 * Checks a request's Signature Version 4 as AWS does: the signed headers as received, the body
 * as received (its hash must be the one declared), the scope's region and service.
 * Returns the AWS error code on failure.
 */
export function checkSigV4(req: StubRequest, stubUrl: string, service: string): string | null {
  const auth = req.headers.authorization ?? '';
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return 'IncompleteSignature';
  const [, keyId, , region, signedService, signedHeaders, signature] = m;
  if (keyId !== AWS_KEYS.accessKeyId) return 'InvalidClientTokenId';
  if (signedService !== service) return 'SignatureDoesNotMatch';
  const declared = req.headers['x-amz-content-sha256'];
  const actual = createHash('sha256').update(req.rawBody).digest('hex');
  if (declared !== undefined && declared !== actual) return 'XAmzContentSHA256Mismatch';
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(';')) {
    const value = req.headers[name];
    headers[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
  }
  const amzDate = headers['x-amz-date'] ?? '';
  const at = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const query = req.query.toString();
  const url = new URL(`${stubUrl}${req.path}${query ? `?${query}` : ''}`);
  const expected = signSigV4({ method: req.method, url, headers, body: req.rawBody }, AWS_KEYS, {
    region: region!,
    service,
    at,
  });
  return expected.signature === signature ? null : 'SignatureDoesNotMatch';
}
