// How saved accounts' credentials are protected at rest. Electron's
// safeStorage (the OS keychain, DPAPI, or libsecret/kwallet) where it works;
// otherwise a plain file that only the user can read, and the window says so.

/** Encrypts and decrypts the credentials of saved accounts. */
export interface SecretCodec {
  /** Stored with each record, so a record is read back with its own codec. */
  readonly name: 'safe-storage' | 'plain';
  /** False for the plain fallback. */
  readonly encrypted: boolean;
  /** True when encryption exists but is weak (Linux's basic_text backend). */
  readonly weak: boolean;
  encrypt(text: string): string;
  decrypt(data: string): string;
}

/** No encryption: the text is kept as base64 in a 0600 file. */
export const plainCodec: SecretCodec = {
  name: 'plain',
  encrypted: false,
  weak: false,
  encrypt: (text) => Buffer.from(text, 'utf8').toString('base64'),
  decrypt: (data) => Buffer.from(data, 'base64').toString('utf8'),
};
