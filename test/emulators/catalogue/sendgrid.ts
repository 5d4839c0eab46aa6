import type { ServiceStub } from './contract';
import { bearer, startStub, type StubReply } from './server';

/**
 * SendGrid v3 (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send): 202 with
 * no body and X-Message-Id; errors as `{ errors: [{ message, field, help }] }`.
 */
export interface SendGridError {
  errors: { message: string; field?: string | null; help?: string | null }[];
}
const error = (status: number, message: string, field: string | null = null): StubReply => ({
  status,
  body: { errors: [{ message, field, help: null }] } satisfies SendGridError,
});

export async function startSendGridStub(): Promise<ServiceStub> {
  const key = 'SG.stub-key.0123456789';
  let n = 0;
  const authed = (token: string | null) => token === key;
  const stub = await startStub([
    {
      method: 'GET',
      path: /^\/v3\/scopes$/,
      handle: (req) =>
        authed(bearer(req))
          ? { status: 200, body: { scopes: ['mail.send'] } }
          : error(401, 'The provided authorization grant is invalid, expired, or revoked'),
    },
    {
      method: 'POST',
      path: /^\/v3\/mail\/send$/,
      handle: (req) => {
        if (!authed(bearer(req)))
          return error(401, 'The provided authorization grant is invalid, expired, or revoked');
        const body = req.json as {
          from?: { email?: string };
          subject?: string;
          personalizations?: unknown[];
          content?: { type: string; value: string }[];
        };
        if (!body?.from?.email?.endsWith('@verified.example'))
          return error(403, 'The from address does not match a verified Sender Identity.', 'from');
        if (!body.subject) return error(400, 'The subject is required.', 'subject');
        if (body.content?.some((c) => c.value.trim() === ''))
          return error(
            400,
            'The content value must be a string at least one character in length.',
            'content.0.value',
          );
        return { status: 202, headers: { 'x-message-id': `msg-${++n}` } };
      },
    },
  ]);
  return {
    ...stub,
    credentials: { apiKey: key, baseUrl: stub.url },
    wrongCredentials: { apiKey: 'SG.revoked', baseUrl: stub.url },
    tooManyRequests: error(429, 'too many requests'),
  };
}
