// PKCE and state as Codex makes them: 64 random bytes for the verifier and
// 32 for the state, both base64url without padding; the S256 challenge.

import { createHash, randomBytes } from 'node:crypto';

/** The secrets of one browser sign-in. Never logged, never in a URL but the authorize one. */
export interface PkceSecrets {
  codeVerifier: string;
  codeChallenge: string;
  state: string;
}

/** Fresh verifier, challenge and state. */
export function createPkceSecrets(): PkceSecrets {
  const codeVerifier = randomBytes(64).toString('base64url');
  return {
    codeVerifier,
    codeChallenge: s256(codeVerifier),
    state: randomBytes(32).toString('base64url'),
  };
}

/** base64url(sha256(verifier)), the S256 code challenge. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
