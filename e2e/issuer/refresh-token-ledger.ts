/**
 * The test issuer's own record of every refresh token it handed out and
 * what became of it. oidc-provider answers every bad refresh token with the
 * same `invalid_grant`; this ledger is what lets the issuer say, as OpenAI
 * does, whether the token was reused, revoked or expired.
 */

/** What became of a refresh token. */
export type RefreshTokenState = 'active' | 'consumed' | 'revoked' | 'expired';

/** OpenAI's error code for a refresh token in each failed state. */
export const ERROR_CODE_OF_STATE = {
  consumed: 'refresh_token_reused',
  revoked: 'refresh_token_invalidated',
  expired: 'refresh_token_expired',
} as const satisfies Record<Exclude<RefreshTokenState, 'active'>, string>;

interface LedgerEntry {
  /** The `sub` of the account the token belongs to. */
  readonly subject: string;
  /** The oidc-provider grant the token belongs to. */
  readonly grantId: string;
  state: RefreshTokenState;
}

/** Refresh tokens by value, with their owner, grant and state. */
export class RefreshTokenLedger {
  readonly #entries = new Map<string, LedgerEntry>();

  /** Records a refresh token that was just issued. */
  issue(token: string, subject: string, grantId: string): void {
    this.#entries.set(token, { subject, grantId, state: 'active' });
  }

  /** The state of a token, or undefined for one this issuer never issued. */
  stateOf(token: string): RefreshTokenState | undefined {
    return this.#entries.get(token)?.state;
  }

  /** The grant a token belongs to. */
  grantOf(token: string): string | undefined {
    return this.#entries.get(token)?.grantId;
  }

  /** Marks a token as used by a successful refresh. */
  consume(token: string): void {
    this.#move(token, 'consumed');
  }

  /** Marks a token as expired (a test asked for it). */
  expire(token: string): void {
    this.#move(token, 'expired');
  }

  /** Marks every unused token of a grant as revoked. */
  revokeGrant(grantId: string): void {
    for (const [token, entry] of this.#entries) {
      if (entry.grantId === grantId) this.#move(token, 'revoked');
    }
  }

  /** The grants that still have an unused token of this account. */
  activeGrantsOf(subject: string): string[] {
    const grants = new Set<string>();
    for (const entry of this.#entries.values()) {
      if (entry.subject === subject && entry.state === 'active') {
        grants.add(entry.grantId);
      }
    }

    return [...grants];
  }

  /** Only an active token changes state: a used one stays "reused". */
  #move(token: string, state: RefreshTokenState): void {
    const entry = this.#entries.get(token);
    if (entry?.state === 'active') entry.state = state;
  }
}
