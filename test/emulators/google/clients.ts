import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { drive, type drive_v3 } from '@googleapis/drive';
import { auth, sheets, type sheets_v4 } from '@googleapis/sheets';
import type { GoogleEmulator } from './server';

export type OAuth2Client = InstanceType<typeof auth.OAuth2>;

/** google-auth-library's OAuth2 client, pointed at the emulator's endpoints. */
export function emulatorOAuthClient(
  emu: GoogleEmulator,
  redirectUri = 'http://127.0.0.1:1/callback',
): OAuth2Client {
  return new auth.OAuth2({
    clientId: emu.client.clientId,
    clientSecret: emu.client.clientSecret,
    redirectUri,
    endpoints: {
      oauth2AuthBaseUrl: emu.endpoints.oauth2AuthBaseUrl,
      oauth2TokenUrl: emu.endpoints.oauth2TokenUrl,
      oauth2RevokeUrl: emu.endpoints.oauth2RevokeUrl,
      tokenInfoUrl: emu.endpoints.tokenInfoUrl,
    },
  });
}

/**
 * The real googleapis clients against the emulator, with their own retries off (Switchyard's
 * policy decides retries), authenticated as a signed-in account.
 */
export function emulatorClients(
  emu: GoogleEmulator,
  credentials: { accessToken: string; refreshToken?: string } = emu.issueToken(),
): {
  sheets: sheets_v4.Sheets;
  drive: drive_v3.Drive;
  calendar: calendar_v3.Calendar;
  oauth: OAuth2Client;
} {
  const oauth = emulatorOAuthClient(emu);
  oauth.setCredentials({
    access_token: credentials.accessToken,
    refresh_token: credentials.refreshToken,
  });
  const options = { rootUrl: emu.url, auth: oauth, retry: false } as const;
  return {
    sheets: sheets({ version: 'v4', ...options }),
    drive: drive({ version: 'v3', ...options }),
    calendar: calendar({ version: 'v3', ...options }),
    oauth,
  };
}
