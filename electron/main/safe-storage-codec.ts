// Saved accounts encrypted with Electron's safeStorage: the macOS Keychain,
// Windows DPAPI, or libsecret/kwallet on Linux. Where it is unavailable the
// plain codec is used and the window says so; on Linux, the basic_text
// backend (a fixed key) counts as weak.

import { safeStorage } from 'electron';

import { plainCodec, type SecretCodec } from '../auth/secret-codec';

/** The best codec this computer offers. Call after app `ready`. */
export function safeStorageCodec(): SecretCodec {
  if (!safeStorage.isEncryptionAvailable()) return plainCodec;

  const weak =
    process.platform === 'linux' &&
    safeStorage.getSelectedStorageBackend() === 'basic_text';

  return {
    name: 'safe-storage',
    encrypted: true,
    weak,
    encrypt: (text) => safeStorage.encryptString(text).toString('base64'),
    decrypt: (data) => safeStorage.decryptString(Buffer.from(data, 'base64')),
  };
}
