import { basicAuth, E164, startStub, type StubReply, type StubRequest } from './server';

/**
 * Twilio's Messages API as documented (https://www.twilio.com/docs/messaging/api/message-resource,
 * https://www.twilio.com/docs/usage/twilios-response): JSON resources, errors as
 * `{ code, message, more_info, status }`.
 */
export interface TwilioMessage {
  sid: string;
  account_sid: string;
  to: string;
  from: string | null;
  messaging_service_sid: string | null;
  body: string;
  status: 'queued' | 'accepted' | 'sent' | 'delivered' | 'received' | 'failed';
  direction: 'outbound-api' | 'inbound';
  date_created: string;
  num_segments: string;
  uri: string;
}

export interface TwilioError {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

const error = (status: number, code: number, message: string): StubReply => ({
  status,
  body: {
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  } satisfies TwilioError,
});

export async function startTwilioStub(
  account = { sid: `AC${'1'.repeat(32)}`, token: 'twilio-auth-token' },
) {
  const sent: TwilioMessage[] = [];
  const authorised = (req: StubRequest) => {
    const auth = basicAuth(req);
    return auth?.user === account.sid && auth.password === account.token;
  };
  const stub = await startStub([
    {
      method: 'GET',
      path: /^\/2010-04-01\/Accounts\/(AC\w+)\.json$/,
      handle: (req) =>
        !authorised(req) || req.params[0] !== account.sid
          ? error(401, 20003, 'Authenticate')
          : {
              status: 200,
              body: {
                sid: account.sid,
                friendly_name: 'Stub account',
                status: 'active',
                type: 'Full',
              },
            },
    },
    {
      method: 'POST',
      path: /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/,
      handle: (req) => {
        if (!authorised(req) || req.params[0] !== account.sid)
          return error(401, 20003, 'Authenticate');
        const form = req.form ?? {};
        if (!form.To || !E164.test(form.To))
          return error(400, 21211, `The 'To' number ${form.To ?? ''} is not a valid phone number.`);
        if (!form.From && !form.MessagingServiceSid)
          return error(
            400,
            21603,
            "A 'From' or 'MessagingServiceSid' parameter is required to send a message.",
          );
        if (!form.Body) return error(400, 21602, 'Message body is required.');
        const sid = `SM${String(sent.length + 1).padStart(32, '0')}`;
        const message: TwilioMessage = {
          sid,
          account_sid: account.sid,
          to: form.To,
          from: form.From ?? null,
          messaging_service_sid: form.MessagingServiceSid ?? null,
          body: form.Body,
          status: 'queued',
          direction: 'outbound-api',
          date_created: new Date().toUTCString(),
          num_segments: '1',
          uri: `/2010-04-01/Accounts/${account.sid}/Messages/${sid}.json`,
        };
        sent.push(message);
        return { status: 201, body: message };
      },
    },
  ]);
  return {
    ...stub,
    account,
    sent,
    baseUrl: `${stub.url}/2010-04-01`,
    tooManyRequests: () => stub.failNext(error(429, 20429, 'Too Many Requests')),
  };
}
