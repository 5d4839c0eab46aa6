import { describe, expect, it } from 'vitest';
import { signingKey, signSigV4, sha256Hex, uriEncode } from './sigv4';

// AWS's published Signature Version 4 examples: the aws-sig-v4-test-suite (credentials
// AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service") and the IAM ListUsers
// walk-through in the AWS General Reference ("Examples of the complete Signature Version 4
// signing process").
const suite = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const at = new Date('2015-08-30T12:36:00Z');
const scope = { region: 'us-east-1', service: 'service', at };

describe('AWS Signature Version 4', () => {
  it('signs get-vanilla from the AWS test suite', () => {
    const signed = signSigV4(
      { method: 'GET', url: new URL('https://example.amazonaws.com/'), headers: {} },
      suite,
      scope,
    );
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/',
        '',
        'host:example.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'host;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(signed.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('sorts query parameters by key (get-vanilla-query-order-key-case)', () => {
    const signed = signSigV4(
      {
        method: 'GET',
        url: new URL('https://example.amazonaws.com/?Param2=value2&Param1=value1'),
        headers: {},
      },
      suite,
      scope,
    );
    expect(signed.canonicalRequest.split('\n')[2]).toBe('Param1=value1&Param2=value2');
    expect(signed.signature).toBe(
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    );
  });

  it('signs post-vanilla from the AWS test suite', () => {
    const signed = signSigV4(
      { method: 'POST', url: new URL('https://example.amazonaws.com/'), headers: {} },
      suite,
      scope,
    );
    expect(signed.signature).toBe(
      '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    );
  });

  it('derives the signing key and signature of the IAM ListUsers example', () => {
    expect(signingKey(suite.secretAccessKey, '20150830', 'us-east-1', 'iam').toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
    const signed = signSigV4(
      {
        method: 'GET',
        url: new URL('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      },
      suite,
      { region: 'us-east-1', service: 'iam', at },
    );
    expect(sha256Hex(signed.canonicalRequest)).toBe(
      'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
    expect(signed.signature).toBe(
      '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
    expect(signed.headers['x-amz-date']).toBe('20150830T123600Z');
  });

  it('signs the body it is given, so a changed body changes the signature', () => {
    const request = {
      method: 'POST',
      url: new URL('https://email.us-east-1.amazonaws.com/v2/email/outbound-emails'),
      headers: {},
    };
    const a = signSigV4({ ...request, body: '{"a":1}' }, suite, scope);
    const b = signSigV4({ ...request, body: '{"a":2}' }, suite, scope);
    const byHash = signSigV4({ ...request, payloadHash: sha256Hex('{"a":1}') }, suite, scope);
    expect(a.signature).not.toBe(b.signature);
    expect(byHash.signature).toBe(a.signature);
  });

  it('signs a session token as x-amz-security-token', () => {
    const signed = signSigV4(
      { method: 'GET', url: new URL('https://example.amazonaws.com/'), headers: {} },
      { ...suite, sessionToken: 'TOKEN' },
      scope,
    );
    expect(signed.headers['x-amz-security-token']).toBe('TOKEN');
    expect(signed.authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
  });

  it('encodes as RFC 3986 asks', () => {
    expect(uriEncode("a b+c/!*'()~")).toBe('a%20b%2Bc%2F%21%2A%27%28%29~');
  });
});
