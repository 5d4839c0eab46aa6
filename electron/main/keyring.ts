import { UserError } from '@shared/errors';
import type { Keyring } from '../engine/types';

/** The slice of Electron's safeStorage the keyring uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Wraps the vault's data key with the OS keychain (Keychain, DPAPI, libsecret/KWallet). */
export function createSafeStorageKeyring(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): Keyring {
  const unavailableReason = (): string | null => {
    if (!safeStorage.isEncryptionAvailable()) {
      return 'Secrets cannot be stored safely: the operating system offers no encryption for them (Electron safeStorage is unavailable).';
    }
    // Without a keychain Chromium falls back to a hard-coded password: obfuscation, not protection.
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'Secrets cannot be stored safely: no OS keychain is running (safeStorage would fall back to plain-text obfuscation). Install or unlock GNOME Keyring or KWallet and restart Switchyard.';
    }
    return null;
  };
  const assertAvailable = () => {
    const reason = unavailableReason();
    if (reason !== null) throw new UserError('vault_unavailable', reason);
  };
  return {
    kind: 'safeStorage',
    unavailableReason,
    wrap(dataKey) {
      assertAvailable();
      return safeStorage.encryptString(dataKey.toString('base64'));
    },
    unwrap(wrapped) {
      assertAvailable();
      return Buffer.from(safeStorage.decryptString(wrapped), 'base64');
    },
  };
}
