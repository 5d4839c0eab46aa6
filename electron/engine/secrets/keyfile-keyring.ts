import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Keyring } from '../types';

export const KEY_FILE_NAME = 'vault.key';

/**
 * The headless keyring: the data key is wrapped with a random master key kept in a file that
 * only the owner can read (0600). Weaker than an OS keychain, which is why the desktop app uses
 * safeStorage instead; a directory created by one cannot be opened by the other.
 */
export function createKeyFileKeyring(dataDir: string): Keyring {
  const file = join(dataDir, KEY_FILE_NAME);
  let master: Buffer | undefined;

  function masterKey(): Buffer {
    if (master) return master;
    if (!existsSync(file)) {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`the key file ${file} is damaged`);
    master = key;
    return key;
  }

  return {
    kind: 'keyfile',
    unavailableReason: () => null,
    wrap(dataKey) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', masterKey(), iv);
      const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    unwrap(wrapped) {
      if (!existsSync(file)) throw new Error(`the key file ${file} is missing`);
      const decipher = createDecipheriv('aes-256-gcm', masterKey(), wrapped.subarray(0, 12));
      decipher.setAuthTag(wrapped.subarray(12, 28));
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
    },
  };
}
