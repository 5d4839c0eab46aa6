import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorClients, emulatorOAuthClient } from './clients';
import { startGoogleEmulator, type GoogleEmulator } from './server';

let emu: GoogleEmulator;
beforeEach(async () => {
  emu = await startGoogleEmulator();
});
afterEach(() => emu.close());

const SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/userinfo.email',
];
const REDIRECT = 'http://127.0.0.1:9/callback';

/** Follows the consent screen as a user clicking "Allow", returning the loopback redirect. */
async function signIn(extra: Record<string, string> = {}) {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const url = new URL(emu.endpoints.oauth2AuthBaseUrl);
  const params = {
    client_id: emu.client.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: SCOPES.join(' '),
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    access_type: 'offline',
    prompt: 'consent',
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) if (v !== '') url.searchParams.set(k, v);
  const res = await fetch(url, { redirect: 'manual' });
  return { res, location: new URL(res.headers.get('location') ?? 'http://invalid/'), verifier };
}

describe('Google emulator: OAuth', () => {
  it('auto-approves and redirects to the loopback URI with code and state', async () => {
    const { res, location } = await signIn();
    expect(res.status).toBe(302);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('code')).toMatch(/^4\/emu-/);
  });

  it('exchanges the code with the PKCE verifier through google-auth-library', async () => {
    const { location, verifier } = await signIn();
    const client = emulatorOAuthClient(emu, REDIRECT);
    const { tokens } = await client.getToken({
      code: location.searchParams.get('code')!,
      codeVerifier: verifier,
    });
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    expect(tokens.scope).toBe(SCOPES.join(' '));
  });

  it('refuses a wrong PKCE verifier and a code used twice', async () => {
    const { location, verifier } = await signIn();
    const client = emulatorOAuthClient(emu, REDIRECT);
    const code = location.searchParams.get('code')!;
    await expect(client.getToken({ code, codeVerifier: verifier + 'x' })).rejects.toThrow(
      /invalid_grant/,
    );
    await expect(client.getToken({ code, codeVerifier: verifier })).rejects.toThrow(
      /invalid_grant/,
    );
  });

  it('gives a refresh token only to offline access with prompt=consent', async () => {
    const { location, verifier } = await signIn({ prompt: '' });
    const { tokens } = await emulatorOAuthClient(emu, REDIRECT).getToken({
      code: location.searchParams.get('code')!,
      codeVerifier: verifier,
    });
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('refreshes, rotates refresh tokens when asked, and answers invalid_grant when told to', async () => {
    const { refreshToken } = emu.issueToken();
    const client = emulatorOAuthClient(emu);
    client.setCredentials({ refresh_token: refreshToken });
    const first = await client.refreshAccessToken();
    expect(first.credentials.access_token).toMatch(/^ya29\./);

    emu.control.rotateRefreshTokens(true);
    // google-auth-library keeps its old refresh token, so the rotation is read off the wire.
    const refresh = (token: string) =>
      fetch(emu.endpoints.oauth2TokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: token,
          client_id: emu.client.clientId,
          client_secret: emu.client.clientSecret,
        }),
      });
    const rotated = (await (await refresh(refreshToken)).json()) as { refresh_token?: string };
    expect(rotated.refresh_token).toMatch(/^1\/\//);
    expect(rotated.refresh_token).not.toBe(refreshToken);
    const stale = await refresh(refreshToken);
    expect(stale.status).toBe(400);
    expect(await stale.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
    client.setCredentials({ refresh_token: rotated.refresh_token });

    emu.control.failRefreshes(1);
    await expect(client.refreshAccessToken()).rejects.toThrow(/invalid_grant/);
    await expect(client.refreshAccessToken()).resolves.toBeTruthy();
  });

  it('answers API calls without a valid Bearer token with 401 in Google’s error JSON', async () => {
    const res = await fetch(`${emu.url}drive/v3/files`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = (await res.json()) as {
      error: { code: number; status: string; errors: { reason: string }[] };
    };
    expect(body.error.code).toBe(401);
    expect(body.error.status).toBe('UNAUTHENTICATED');
    expect(body.error.errors[0]!.reason).toBe('authError');
  });

  it('revokes the whole grant: its access tokens stop working', async () => {
    const creds = emu.issueToken();
    const { drive } = emulatorClients(emu, { accessToken: creds.accessToken });
    await expect(drive.files.list()).resolves.toBeTruthy();
    const res = await fetch(`${emu.endpoints.oauth2RevokeUrl}?token=${creds.refreshToken}`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    await expect(drive.files.list()).rejects.toMatchObject({ status: 401 });
  });

  it('reports the account and granted scopes on tokeninfo and userinfo', async () => {
    emu.control.addAccount('grace@example.com');
    const { accessToken } = emu.issueToken('grace@example.com', SCOPES);
    const info = await emulatorOAuthClient(emu).getTokenInfo(accessToken);
    expect(info.email).toBe('grace@example.com');
    expect(info.scopes).toEqual(SCOPES);
    const me = await fetch(emu.endpoints.userInfoUrl, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await me.json()).toMatchObject({ email: 'grace@example.com' });
  });

  it('signs in as the account the test chose, so several accounts can sit side by side', async () => {
    emu.control.setNextAccount('grace@example.com');
    const { location, verifier } = await signIn();
    const { tokens } = await emulatorOAuthClient(emu, REDIRECT).getToken({
      code: location.searchParams.get('code')!,
      codeVerifier: verifier,
    });
    const info = await emulatorOAuthClient(emu).getTokenInfo(tokens.access_token!);
    expect(info.email).toBe('grace@example.com');
  });
});
