// Reads $CODEX_HOME/auth.json the way Codex 0.171 reads it: both the 2025
// and the current format, the mode decided as Codex decides it, the claims
// of the tokens, and every field kept as it was. Reading never changes the
// file.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import type {
  AccountSummary,
  AuthMode,
  ModeReason,
} from '../../shared/account';
import { AuthError } from './auth-error';
import { decodeJwtPayload, isRecord } from './jwt';
import { describePlan } from './plans';

export const AUTH_FILE_NAME = 'auth.json';

const AUTH_CLAIM = 'https://api.openai.com/auth';
const PROFILE_CLAIM = 'https://api.openai.com/profile';
const AUTH_MODES: readonly AuthMode[] = [
  'chatgpt',
  'apikey',
  'chatgptAuthTokens',
  'agentIdentity',
];

/** What the id_token says about the person and the workspace. */
export interface IdTokenClaims {
  email: string | null;
  planType: string | null;
  workspaceId: string | null;
  userId: string | null;
}

/** The ChatGPT tokens of a sign-in. */
export interface StoredTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** `tokens.account_id`, copied from the id_token at sign-in. */
  accountId: string | null;
  claims: IdTokenClaims;
  /** The access token's `exp`, or null when it can't be read. */
  accessTokenExpiresAt: Date | null;
}

/** A parsed auth.json; `json` keeps every field, known or not. */
export interface StoredAuth {
  /** The whole file as parsed, unknown fields included. */
  json: Record<string, unknown>;
  /** The exact text that was read, for byte-for-byte copies. */
  text: string;
  mode: AuthMode;
  modeReason: ModeReason;
  apiKey: string | null;
  tokens: StoredTokens | null;
  lastRefresh: Date | null;
}

/** The result of reading auth.json: absent is not an error. */
export type AuthFileRead =
  { kind: 'missing' } | { kind: 'present'; auth: StoredAuth };

// Codex parses last_refresh strictly as RFC 3339; `new Date` alone would
// also accept "2026" or "Dec 3".
const RFC_3339 =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** How often and how long a parse failure is retried (a file mid-write). */
export const READ_RETRY = { attempts: 4, delayMs: 40 };

/** The path of auth.json in `codexHome`. */
export function authFilePath(codexHome: string): string {
  return join(codexHome, AUTH_FILE_NAME);
}

/**
 * Reads and parses auth.json. A file that can't be parsed is read again a
 * few times first: older Codex versions truncate and then write in place.
 */
export async function readAuthFile(codexHome: string): Promise<AuthFileRead> {
  const path = authFilePath(codexHome);

  for (let attempt = 1; ; attempt += 1) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { kind: 'missing' };
      }
      throw new AuthError('auth_file_unreadable', {
        kind: 'transient',
        params: { path, reason: 'the file could not be opened' },
        cause: error,
      });
    }

    try {
      return { kind: 'present', auth: parseAuthJson(text) };
    } catch (error) {
      const retryable =
        error instanceof AuthError && error.code === 'auth_file_unreadable';
      if (!retryable || attempt >= READ_RETRY.attempts) throw error;
      await sleep(READ_RETRY.delayMs);
    }
  }
}

/** Parses the text of an auth.json, applying the rules Codex applies. */
export function parseAuthJson(text: string): StoredAuth {
  const json = parseJsonObject(text);
  const apiKey = readApiKey(json);
  const tokens = readTokens(json['tokens']);
  const lastRefresh = readLastRefresh(json);
  const { mode, modeReason } = decideMode(json, apiKey);

  if (mode === 'apikey' && (apiKey === null || apiKey === '')) {
    throw invalid('auth_mode is "apikey" but OPENAI_API_KEY is empty');
  }
  if (mode === 'chatgpt' && tokens === null) {
    throw invalid('auth_mode is "chatgpt" but tokens are missing');
  }
  if (mode === 'chatgpt' && lastRefresh === null) {
    throw new AuthError('last_refresh_missing', {
      params: { field: 'last_refresh', reason: 'missing' },
    });
  }

  return { json, text, mode, modeReason, apiKey, tokens, lastRefresh };
}

function parseJsonObject(text: string): Record<string, unknown> {
  const trimmed = text.replace(/^\uFEFF/, '');
  const reason =
    trimmed.trim() === ''
      ? 'the file is empty'
      : trimmed.includes('\u0000')
        ? 'the file holds NUL bytes (a write was interrupted)'
        : null;
  if (reason) throw unreadable(reason);

  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    throw unreadable('the file is not complete JSON');
  }
  if (!isRecord(value)) throw unreadable('the file is not a JSON object');
  return value;
}

function readApiKey(json: Record<string, unknown>): string | null {
  const value = json['OPENAI_API_KEY'];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid('OPENAI_API_KEY is not text');
  return value;
}

function decideMode(
  json: Record<string, unknown>,
  apiKey: string | null,
): { mode: AuthMode; modeReason: ModeReason } {
  const field = json['auth_mode'];

  if (field === undefined || field === null) {
    return apiKey !== null
      ? { mode: 'apikey', modeReason: 'legacy_api_key' }
      : { mode: 'chatgpt', modeReason: 'legacy_tokens' };
  }
  if (!AUTH_MODES.includes(field as AuthMode)) {
    throw invalid(`auth_mode has an unknown value`);
  }
  return { mode: field as AuthMode, modeReason: 'auth_mode_field' };
}

function readTokens(value: unknown): StoredTokens | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw invalid('tokens is not an object');

  const idToken = requireString(value, 'id_token');
  const accessToken = requireString(value, 'access_token');
  const refreshToken = requireString(value, 'refresh_token');
  const accountId = optionalString(value, 'account_id');

  const idPayload = decodeJwtPayload(idToken);
  if (!idPayload.ok) throw invalid(`tokens.id_token ${idPayload.reason}`);
  const accessPayload = decodeJwtPayload(accessToken);

  return {
    idToken,
    accessToken,
    refreshToken,
    accountId,
    claims: readClaims(idPayload.payload),
    accessTokenExpiresAt: accessPayload.ok
      ? readExpiry(accessPayload.payload)
      : null,
  };
}

/** The person and workspace named in an id_token payload. */
export function readClaims(payload: Record<string, unknown>): IdTokenClaims {
  const auth = isRecord(payload[AUTH_CLAIM]) ? payload[AUTH_CLAIM] : {};
  const profile = isRecord(payload[PROFILE_CLAIM])
    ? payload[PROFILE_CLAIM]
    : {};

  return {
    email: stringOrNull(payload['email']) ?? stringOrNull(profile['email']),
    planType: stringOrNull(auth['chatgpt_plan_type']),
    workspaceId: stringOrNull(auth['chatgpt_account_id']),
    userId:
      stringOrNull(auth['chatgpt_user_id']) ?? stringOrNull(auth['user_id']),
  };
}

function readExpiry(payload: Record<string, unknown>): Date | null {
  const exp = payload['exp'];
  return typeof exp === 'number' && Number.isFinite(exp)
    ? new Date(exp * 1000)
    : null;
}

function readLastRefresh(json: Record<string, unknown>): Date | null {
  const value = json['last_refresh'];
  if (value === undefined || value === null) return null;
  if (value === '') {
    throw new AuthError('last_refresh_missing', {
      params: { field: 'last_refresh', reason: 'empty' },
    });
  }
  const date =
    typeof value === 'string' && RFC_3339.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw invalid('last_refresh is not an RFC 3339 time');
  }
  return date;
}

/** Codex's mask of an API key: the first 8 characters, ***, the last 5. */
export function maskApiKey(key: string): string {
  return key.length > 13 ? `${key.slice(0, 8)}***${key.slice(-5)}` : '***';
}

/** The first characters of a workspace id, enough to tell them apart. */
export function shortWorkspaceId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 12)}…` : id;
}

/** The window's view of a stored sign-in. Holds no secret. */
export function summarizeAuth(auth: StoredAuth): AccountSummary {
  const claims = auth.tokens?.claims ?? null;
  const workspaceId = claims?.workspaceId ?? auth.tokens?.accountId ?? null;
  const plan = claims?.planType ? describePlan(claims.planType) : null;
  const email = claims?.email ?? null;

  return {
    mode: auth.mode,
    modeReason: auth.modeReason,
    email,
    label: accountLabel(auth, email, plan?.name ?? null, workspaceId),
    plan,
    workspaceId,
    shortWorkspaceId: workspaceId ? shortWorkspaceId(workspaceId) : null,
    userId: claims?.userId ?? null,
    accessTokenExpiresAt:
      auth.tokens?.accessTokenExpiresAt?.toISOString() ?? null,
    lastRefresh: auth.lastRefresh?.toISOString() ?? null,
    canRefresh: (auth.tokens?.refreshToken ?? '') !== '',
    apiKeyMask: auth.apiKey ? maskApiKey(auth.apiKey) : null,
  };
}

function accountLabel(
  auth: StoredAuth,
  email: string | null,
  planName: string | null,
  workspaceId: string | null,
): string {
  if (auth.mode === 'apikey' && auth.apiKey) {
    return `API key ${maskApiKey(auth.apiKey)}`;
  }
  if (email) return email;

  const parts = [planName ?? 'ChatGPT account'];
  if (workspaceId) parts.push(shortWorkspaceId(workspaceId));
  return parts.join(' · ');
}

function requireString(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw invalid(`tokens.${key} is missing`);
  return value;
}

function optionalString(
  record: Record<string, unknown>,
  key: string,
): string | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid(`tokens.${key} is not text`);
  return value;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function unreadable(reason: string): AuthError {
  return new AuthError('auth_file_unreadable', { params: { reason } });
}

function invalid(reason: string): AuthError {
  return new AuthError('auth_file_invalid', { params: { reason } });
}

/** Who is signed in, compared without keeping any secret in the key. */
export function identityKey(auth: StoredAuth | null): string {
  if (!auth) return 'none';
  if (auth.mode === 'apikey' && auth.apiKey) {
    const digest = createHash('sha256').update(auth.apiKey).digest('hex');
    return `apikey:${digest.slice(0, 16)}`;
  }
  const claims = auth.tokens?.claims;
  const workspace = claims?.workspaceId ?? auth.tokens?.accountId ?? '';
  return `chatgpt:${workspace}:${claims?.userId ?? ''}`;
}
