/**
 * What the test issuer adds around oidc-provider's token and revoke
 * endpoints: it records every request, keeps the refresh token ledger,
 * answers bad refresh tokens with OpenAI's error codes, and lets tests make
 * the next refresh fail or hang.
 */

import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import type { KoaContextWithOIDC } from 'oidc-provider';

import type { IssuerMiddleware } from './interactions.js';
import { errorCodeOf, type IssuerLog } from './issuer-log.js';
import { ISSUER_ROUTES } from './provider-config.js';
import {
  ERROR_CODE_OF_STATE,
  type RefreshTokenLedger,
  type RefreshTokenState,
} from './refresh-token-ledger.js';
import type { DecodedBody } from './request-body.js';

/** An answer a test wants instead of the token endpoint's real one. */
export interface TokenFailure {
  /** The HTTP status, e.g. 401, 500 or 503. */
  readonly status: number;
  /** The JSON body; an OpenAI-shaped error for the status when omitted. */
  readonly body?: unknown;
  /**
   * True to let the issuer process the request first (rotating the refresh
   * token) and only then answer with the failure: the ambiguous case where
   * the server did the work but the client never heard.
   */
  readonly afterProcessing?: boolean;
}

/** Failures and delays that tests arm; each failure is used once. */
export class TokenEndpointControls {
  /** How long every refresh waits before it is processed. */
  refreshDelayMs = 0;

  readonly #failures = new Map<string, TokenFailure[]>();
  readonly #stopped = new AbortController();

  /** Queues a failure for the next request of this grant type. */
  failNext(grantType: string, failure: TokenFailure): void {
    const queue = this.#failures.get(grantType) ?? [];
    queue.push(failure);
    this.#failures.set(grantType, queue);
  }

  /** Takes the next queued failure for this grant type, if any. */
  takeFailure(grantType: string): TokenFailure | undefined {
    return this.#failures.get(grantType)?.shift();
  }

  /** Waits for the refresh delay; false when the issuer stopped meanwhile. */
  async waitBeforeRefresh(): Promise<boolean> {
    if (this.refreshDelayMs <= 0) return true;

    try {
      await sleep(this.refreshDelayMs, undefined, {
        signal: this.#stopped.signal,
      });
      return true;
    } catch {
      return false;
    }
  }

  /** Ends every pending delay. */
  stop(): void {
    this.#stopped.abort();
  }
}

/** What the token and revoke middlewares share with the issuer. */
export interface TokenEndpointDeps {
  readonly ledger: RefreshTokenLedger;
  readonly log: IssuerLog;
  readonly controls: TokenEndpointControls;
  /** The decoded body of a token or revoke request. */
  readonly bodyOf: (request: IncomingMessage) => DecodedBody | undefined;
  /** oidc-provider's reason for an `invalid_grant`, kept per request. */
  readonly grantErrorDetailOf: (ctx: KoaContextWithOIDC) => string | undefined;
}

const MESSAGE_OF_CODE: Record<string, string> = {
  refresh_token_reused:
    'This refresh token has been used already. Sign in again to continue.',
  refresh_token_invalidated:
    'This refresh token was revoked. Sign in again to continue.',
  refresh_token_expired:
    'This refresh token has expired. Sign in again to continue.',
};

/** An error body in the shape OpenAI's issuer uses. */
export function openAiError(code: string, message?: string): unknown {
  return {
    error: {
      code,
      message: message ?? MESSAGE_OF_CODE[code] ?? code,
      type: 'invalid_request_error',
      param: null,
    },
  };
}

/** Wraps POST `/oauth/token`. */
export function tokenEndpoint(deps: TokenEndpointDeps): IssuerMiddleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== ISSUER_ROUTES.token) {
      return void (await next());
    }

    const body = deps.bodyOf(ctx.req);
    const grantType = body?.params.get('grant_type') ?? '';
    const presented =
      grantType === 'refresh_token'
        ? (body?.params.get('refresh_token') ?? undefined)
        : undefined;

    await answerTokenRequest(deps, ctx, next, grantType, presented);

    deps.log.tokenRequests.push({
      grantType,
      ...optional('refreshToken', presented),
      ...optional('refreshReason', body?.params.get('refresh_reason')),
      bodyFormat: body?.format ?? 'form',
      status: ctx.status,
      ...optional('errorCode', errorCodeOf(ctx.body)),
    });
  };
}

async function answerTokenRequest(
  deps: TokenEndpointDeps,
  ctx: KoaContextWithOIDC,
  next: () => Promise<unknown>,
  grantType: string,
  presented: string | undefined,
): Promise<void> {
  const isRefresh = grantType === 'refresh_token';
  if (isRefresh && !(await deps.controls.waitBeforeRefresh())) {
    return fail(ctx, { status: 503 });
  }

  const failure = deps.controls.takeFailure(grantType);
  if (failure && !failure.afterProcessing) return fail(ctx, failure);

  const state = presented && deps.ledger.stateOf(presented);
  if (state === 'expired') return refuse(ctx, 'expired');

  await next();

  if (ctx.status === 200) recordIssuedToken(deps, ctx, presented);
  else if (presented) explainRefreshError(deps, ctx, presented);

  if (failure) fail(ctx, failure);
}

/** Adds the refresh token just issued to the ledger, retiring the old one. */
function recordIssuedToken(
  deps: TokenEndpointDeps,
  ctx: KoaContextWithOIDC,
  presented: string | undefined,
): void {
  if (presented) deps.ledger.consume(presented);

  const issued = (ctx.body as { refresh_token?: unknown } | undefined)
    ?.refresh_token;
  const model = ctx.oidc.entities.RefreshToken;
  if (typeof issued !== 'string' || !model?.accountId || !model.grantId) {
    return;
  }

  deps.ledger.issue(issued, model.accountId, model.grantId);
}

/**
 * Turns oidc-provider's `invalid_grant` for a refresh token into OpenAI's
 * 401 with a code saying why. A token this issuer never issued keeps the
 * plain `invalid_grant`.
 */
function explainRefreshError(
  deps: TokenEndpointDeps,
  ctx: KoaContextWithOIDC,
  presented: string,
): void {
  const state = deps.ledger.stateOf(presented);
  if (errorCodeOf(ctx.body) !== 'invalid_grant' || state === undefined) return;

  // Reuse makes oidc-provider revoke the whole grant, as OpenAI does.
  const grantId = deps.ledger.grantOf(presented);
  if (grantId !== undefined && state === 'consumed') {
    deps.ledger.revokeGrant(grantId);
  }

  refuse(ctx, failedStateOf(deps, ctx, presented, state));
}

function failedStateOf(
  deps: TokenEndpointDeps,
  ctx: KoaContextWithOIDC,
  presented: string,
  state: RefreshTokenState,
): Exclude<RefreshTokenState, 'active'> {
  if (state !== 'active') return state;

  if (deps.grantErrorDetailOf(ctx) === 'refresh token is expired') {
    deps.ledger.expire(presented);
    return 'expired';
  }

  // An unused token whose grant is gone was revoked along with it.
  const grantId = deps.ledger.grantOf(presented);
  if (grantId !== undefined) deps.ledger.revokeGrant(grantId);
  return 'revoked';
}

function refuse(
  ctx: KoaContextWithOIDC,
  state: Exclude<RefreshTokenState, 'active'>,
): void {
  ctx.status = 401;
  ctx.body = openAiError(ERROR_CODE_OF_STATE[state]);
}

function fail(ctx: KoaContextWithOIDC, failure: TokenFailure): void {
  ctx.status = failure.status;
  ctx.body =
    failure.body ?? openAiError(`http_${failure.status}`, 'Injected failure.');
}

/** Wraps POST `/oauth/revoke`. */
export function revokeEndpoint(deps: TokenEndpointDeps): IssuerMiddleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== ISSUER_ROUTES.revocation) {
      return void (await next());
    }

    const body = deps.bodyOf(ctx.req);
    const token = body?.params.get('token') ?? '';

    await next();

    const grantId = deps.ledger.grantOf(token);
    if (ctx.status === 200 && grantId !== undefined) {
      deps.ledger.revokeGrant(grantId);
    }
    deps.log.revokeRequests.push({
      token,
      ...optional('tokenTypeHint', body?.params.get('token_type_hint')),
      bodyFormat: body?.format ?? 'form',
      status: ctx.status,
    });
  };
}

/** `{ [name]: value }` when there is a value, else `{}`. */
function optional<Name extends string>(
  name: Name,
  value: string | null | undefined,
): { [key in Name]?: string } {
  return value == null ? {} : ({ [name]: value } as { [key in Name]: string });
}
