import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserError } from '@shared/errors';
import { createSafeStorageKeyring } from '../../electron/main/keyring';
import { FakeSafeStorage } from './fakes';

describe('safeStorage keyring', () => {
  it('round-trips a data key through safeStorage', () => {
    const storage = new FakeSafeStorage();
    const keyring = createSafeStorageKeyring(storage, 'linux');
    const dataKey = randomBytes(32);
    const wrapped = keyring.wrap(dataKey);
    expect(keyring.kind).toBe('safeStorage');
    expect(keyring.unavailableReason()).toBeNull();
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(wrapped.toString('utf8')).not.toContain(dataKey.toString('base64'));
    expect(keyring.unwrap(wrapped).equals(dataKey)).toBe(true);
  });

  it('refuses on Linux when the only backend is basic_text (obfuscation, not a keychain)', () => {
    const keyring = createSafeStorageKeyring(new FakeSafeStorage(true, 'basic_text'), 'linux');
    expect(keyring.unavailableReason()).toMatch(/no OS keychain/);
    expect(() => keyring.wrap(randomBytes(32))).toThrow(UserError);
    try {
      keyring.wrap(randomBytes(32));
    } catch (error) {
      expect((error as UserError).code).toBe('vault_unavailable');
    }
  });

  it('refuses when safeStorage reports encryption unavailable', () => {
    const keyring = createSafeStorageKeyring(new FakeSafeStorage(false), 'darwin');
    expect(keyring.unavailableReason()).toMatch(/cannot be stored safely/);
    expect(() => keyring.unwrap(Buffer.from('x'))).toThrow(UserError);
  });

  it('does not ask for a Linux backend on other platforms', () => {
    const storage = new FakeSafeStorage(true, 'basic_text');
    expect(createSafeStorageKeyring(storage, 'win32').unavailableReason()).toBeNull();
  });

  it('fails to unwrap a key that safeStorage did not wrap', () => {
    const keyring = createSafeStorageKeyring(new FakeSafeStorage(), 'linux');
    expect(() => keyring.unwrap(Buffer.from('garbage'))).toThrow(/decrypting/);
  });
});
