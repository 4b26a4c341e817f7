/**
 * What the test issuer was asked, kept so that tests can check the requests
 * an app made: every authorize, token and revoke request, with its outcome.
 * Secrets are recorded in full on purpose: this is a test double.
 */

/** How a request body was encoded. */
export type BodyFormat = 'json' | 'form';

/** One sign-in started at `/oauth/authorize`. */
export interface AuthorizeRequestRecord {
  /** The query parameters, as sent. */
  readonly params: Readonly<Record<string, string>>;
}

/** One POST to `/oauth/token`. */
export interface TokenRequestRecord {
  /** `grant_type` as sent (empty when missing). */
  readonly grantType: string;
  /** For a refresh: the refresh token that was presented. */
  readonly refreshToken?: string;
  /** For a refresh: the `refresh_reason` Codex adds, when present. */
  readonly refreshReason?: string;
  readonly bodyFormat: BodyFormat;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The error code of a failed answer, wherever the body put it. */
  readonly errorCode?: string;
}

/** One POST to `/oauth/revoke`. */
export interface RevokeRequestRecord {
  readonly token: string;
  readonly tokenTypeHint?: string;
  readonly bodyFormat: BodyFormat;
  readonly status: number;
}

/** The observation log of one test issuer. */
export class IssuerLog {
  readonly authorizeRequests: AuthorizeRequestRecord[] = [];
  readonly tokenRequests: TokenRequestRecord[] = [];
  readonly revokeRequests: RevokeRequestRecord[] = [];

  /** Token requests of one grant type, oldest first. */
  tokenRequestsOf(grantType: string): TokenRequestRecord[] {
    return this.tokenRequests.filter((each) => each.grantType === grantType);
  }

  /** How many refresh requests presented this refresh token. */
  refreshTokenUses(refreshToken: string): number {
    const refreshes = this.tokenRequestsOf('refresh_token');

    return refreshes.filter((each) => each.refreshToken === refreshToken)
      .length;
  }

  /** Every refresh token that was presented more than once. */
  reusedRefreshTokens(): string[] {
    const counts = new Map<string, number>();
    for (const each of this.tokenRequestsOf('refresh_token')) {
      if (each.refreshToken === undefined) continue;
      counts.set(each.refreshToken, (counts.get(each.refreshToken) ?? 0) + 1);
    }

    return [...counts].filter(([, uses]) => uses > 1).map(([token]) => token);
  }

  /** Forgets everything recorded so far. */
  clear(): void {
    this.authorizeRequests.length = 0;
    this.tokenRequests.length = 0;
    this.revokeRequests.length = 0;
  }
}

/**
 * The error code of a token endpoint answer: `error.code` in OpenAI's shape,
 * else `error` as a string (OAuth's shape), else a top-level `code`.
 */
export function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;

  const { error, code } = body as { error?: unknown; code?: unknown };
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const nested = (error as { code?: unknown }).code;
    if (typeof nested === 'string') return nested;
  }

  return typeof code === 'string' ? code : undefined;
}
