import { bearer, startStub, type StubReply, type StubRequest, type StubRoute } from './server';

/** Graph API errors (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
export interface GraphError {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    fbtrace_id: string;
  };
}
export const graphError = (
  status: number,
  code: number,
  message: string,
  type = 'OAuthException',
): StubReply => ({
  status,
  body: { error: { message, type, code, fbtrace_id: 'AbCdEfGh' } } satisfies GraphError,
});
export const invalidToken = graphError(
  401,
  190,
  'Error validating access token: Session has expired.',
);
export const throttled = graphError(
  429,
  4,
  '(#4) Application request limit reached',
  'OAuthException',
);

/** The token a Graph request carries: the Authorization header or the access_token parameter. */
export const graphToken = (req: StubRequest) => bearer(req) ?? req.query.get('access_token');

export function startGraphStub(routes: StubRoute[]) {
  return startStub(routes);
}
