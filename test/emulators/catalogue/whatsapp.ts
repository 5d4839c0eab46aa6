import type { ServiceStub } from './contract';
import { graphError, graphToken, invalidToken, startGraphStub, throttled } from './meta-graph';

/** WhatsApp Cloud API (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages). */
export async function startWhatsAppStub(): Promise<ServiceStub & { sent: unknown[] }> {
  const token = 'EAAG-whatsapp-token';
  const phoneNumberId = '106540352242922';
  const sent: unknown[] = [];
  const stub = await startGraphStub([
    {
      method: 'GET',
      path: /^\/(\d+)$/,
      handle: (req) =>
        graphToken(req) !== token
          ? invalidToken
          : {
              status: 200,
              body: {
                verified_name: 'Stub Shop',
                display_phone_number: '+1 555-010-0000',
                id: phoneNumberId,
                quality_rating: 'GREEN',
              },
            },
    },
    {
      method: 'POST',
      path: /^\/(\d+)\/messages$/,
      handle: (req) => {
        if (graphToken(req) !== token) return invalidToken;
        const b = req.json as {
          messaging_product?: string;
          to?: string;
          type?: string;
          text?: { body?: string };
          template?: { name?: string };
        };
        if (b.messaging_product !== 'whatsapp')
          return graphError(400, 100, '(#100) The parameter messaging_product is required.');
        if (!b.to || !/^\d{7,15}$/.test(b.to))
          return graphError(400, 100, '(#100) Invalid parameter');
        if (b.type === 'template' && b.template?.name !== 'order_update')
          return graphError(
            404,
            132001,
            '(#132001) Template name does not exist in the translation',
          );
        if (b.type === 'text' && (b.text?.body ?? '').length > 4096)
          return graphError(
            400,
            100,
            "(#100) Param text['body'] must be at most 4096 characters long.",
          );
        sent.push(b);
        return {
          status: 200,
          body: {
            messaging_product: 'whatsapp',
            contacts: [{ input: b.to, wa_id: b.to }],
            messages: [{ id: `wamid.${sent.length}` }],
          },
        };
      },
    },
  ]);
  const base = {
    phoneNumberId,
    baseUrl: stub.url,
    verifyToken: 'my-verify-token',
    appSecret: 'meta-app-secret',
  };
  return {
    ...stub,
    sent,
    credentials: { ...base, accessToken: token },
    wrongCredentials: { ...base, accessToken: 'expired' },
    tooManyRequests: throttled,
  };
}
