// Renews ChatGPT tokens as Codex does: a JSON POST to {issuer}/oauth/token
// with the refresh token, which the issuer rotates. A refresh token is used
// at most once here: after an ambiguous failure (a timeout, a 5xx) the
// server may already have rotated it, so the caller re-reads instead.

import type { ErrorCode } from '../../shared/errors';
import { createLogger } from '../logger';
import { AuthError } from './auth-error';
import { parseAuthJson, type StoredAuth } from './auth-file';
import { formatLastRefresh, serializeAuthJson } from './auth-writer';
import { isRecord } from './jwt';

const log = createLogger('refresh');

/** How long a refresh may take before it counts as an ambiguous failure. */
export const REFRESH_TIMEOUT_MS = 15_000;

/** Where to refresh. */
export interface RefreshSettings {
  issuer: string;
  clientId: string;
}

const PERMANENT_CODES: Record<string, ErrorCode> = {
  refresh_token_expired: 'refresh_token_expired',
  refresh_token_reused: 'refresh_token_reused',
  refresh_token_invalidated: 'refresh_token_invalidated',
  invalid_grant: 'refresh_token_invalidated',
};

/** The tokens a refresh returns. */
interface RefreshedTokens {
  idToken: string | null;
  accessToken: string;
  refreshToken: string;
}

/**
 * Refreshes `auth` once and returns the new auth.json contents: id_token
 * (if returned), access_token, refresh_token and last_refresh replaced,
 * every other field kept.
 */
export async function refreshStoredAuth(
  settings: RefreshSettings,
  auth: StoredAuth,
): Promise<StoredAuth> {
  const refreshToken = auth.tokens?.refreshToken ?? '';
  if (refreshToken === '') throw new AuthError('account_not_refreshable');

  const tokens = await requestRefresh(settings, refreshToken);
  return applyRefresh(auth, tokens);
}

async function requestRefresh(
  settings: RefreshSettings,
  refreshToken: string,
): Promise<RefreshedTokens> {
  const url = `${settings.issuer.replace(/\/+$/, '')}/oauth/token`;
  let response: Response;

  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_id: settings.clientId,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      }),
      signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
    });
  } catch (error) {
    log.warn('refresh did not get an answer');
    throw new AuthError('refresh_failed', {
      kind: 'transient',
      params: { reason: 'no answer from the sign-in service' },
      cause: error,
    });
  }

  const body: unknown = await response.json().catch(() => null);
  log.info('refresh answered', { status: response.status });
  if (!response.ok) throw refreshFailure(response.status, body);
  return readTokens(body);
}

/** Sorts a failed refresh into permanent (sign in again) or transient. */
export function refreshFailure(status: number, body: unknown): AuthError {
  const code = errorCodeOf(body);
  const known = code ? PERMANENT_CODES[code] : undefined;

  if (known && (status === 401 || status === 400)) {
    return new AuthError(known, { kind: 'permanent' });
  }
  if (status === 401) {
    return new AuthError('refresh_token_invalidated', { kind: 'permanent' });
  }
  return new AuthError('refresh_failed', {
    kind: 'transient',
    params: { reason: `the sign-in service answered ${status}` },
  });
}

function errorCodeOf(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const error = body['error'];
  if (isRecord(error) && typeof error['code'] === 'string')
    return error['code'];
  if (typeof error === 'string') return error;
  return typeof body['code'] === 'string' ? body['code'] : null;
}

function readTokens(body: unknown): RefreshedTokens {
  const record = isRecord(body) ? body : {};
  const accessToken = record['access_token'];
  const refreshToken = record['refresh_token'];
  const idToken = record['id_token'];

  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string') {
    throw new AuthError('refresh_failed', {
      kind: 'transient',
      params: { reason: 'the answer had no tokens' },
    });
  }
  return {
    idToken: typeof idToken === 'string' ? idToken : null,
    accessToken,
    refreshToken,
  };
}

function applyRefresh(auth: StoredAuth, tokens: RefreshedTokens): StoredAuth {
  const oldTokens = isRecord(auth.json['tokens']) ? auth.json['tokens'] : {};
  const json = {
    ...auth.json,
    tokens: {
      ...oldTokens,
      ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
    },
    last_refresh: formatLastRefresh(),
  };
  return parseAuthJson(serializeAuthJson(json));
}

/** Codex gives the revoke request ten seconds. */
export const REVOKE_TIMEOUT_MS = 10_000;

/**
 * Revokes a refresh token at the issuer, as `codex logout` does. This signs
 * the account out on every computer and app that shares the sign-in.
 */
export async function revokeRefreshToken(
  settings: RefreshSettings,
  refreshToken: string,
): Promise<void> {
  const url = `${settings.issuer.replace(/\/+$/, '')}/oauth/revoke`;
  let status: number;

  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        token: refreshToken,
        token_type_hint: 'refresh_token',
        client_id: settings.clientId,
      }),
      signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS),
    });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    throw new AuthError('revoke_failed', {
      kind: 'transient',
      params: { reason: 'no answer from the sign-in service' },
      cause: error,
    });
  }

  log.info('revoke answered', { status });
  if (status < 200 || status >= 300) {
    throw new AuthError('revoke_failed', {
      kind: 'transient',
      params: { reason: `the sign-in service answered ${status}` },
    });
  }
}
