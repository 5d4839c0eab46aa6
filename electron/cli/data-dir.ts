import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Headless data lives apart from the desktop app's userData: the desktop seals its vault key
 * with the OS keychain, which a headless engine cannot open.
 */
export function defaultHeadlessDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.SWITCHYARD_DATA_DIR) return env.SWITCHYARD_DATA_DIR;
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Switchyard Headless');
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Switchyard Headless');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'switchyard-headless');
}
