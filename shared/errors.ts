// The stable error codes of Codex Accounts and the one table of sentences
// that users read for them. Main and the window both use this table, so a
// code always reads the same wherever it is shown.

import { asSentence } from './text';

/** Every expected failure has one of these codes. */
export type ErrorCode =
  | 'codex_home_missing'
  | 'codex_home_not_directory'
  | 'auth_file_unreadable'
  | 'auth_file_invalid'
  | 'last_refresh_missing'
  | 'auth_lock_timeout'
  | 'auth_write_failed'
  | 'keyring_unavailable'
  | 'port_busy'
  | 'state_mismatch'
  | 'sign_in_in_progress'
  | 'sign_in_cancelled'
  | 'sign_in_taken_over'
  | 'sign_in_timed_out'
  | 'authorization_denied'
  | 'missing_codex_entitlement'
  | 'workspace_not_allowed'
  | 'token_exchange_failed'
  | 'issuer_unreachable'
  | 'issuer_insecure'
  | 'api_key_invalid'
  | 'browser_open_failed'
  | 'refresh_token_expired'
  | 'refresh_token_reused'
  | 'refresh_token_invalidated'
  | 'refresh_failed'
  | 'account_not_found'
  | 'account_not_allowed'
  | 'account_not_refreshable'
  | 'account_store_unreadable'
  | 'revoke_failed'
  | 'invalid_request'
  | 'internal_error';

/** Values that a message may mention. Never a secret. */
export interface ErrorParams {
  /** The file or directory concerned. */
  path?: string;
  /** The field of auth.json that is wrong. */
  field?: string;
  /** Where a setting came from, such as `CODEX_HOME`. */
  source?: string;
  /** The ports that were tried. */
  ports?: string;
  /** What the issuer or the operating system said, already redacted. */
  reason?: string;
}

/** An error as the window sees it: a code and a sentence, no stack. */
export interface AppError {
  /** The stable code, for tests and for choosing what to offer next. */
  code: ErrorCode;
  /** What happened and what to do next, in plain words. */
  message: string;
}

type MessageBuilder = (params: ErrorParams) => string;

const MESSAGES: Record<ErrorCode, MessageBuilder> = {
  codex_home_missing: (p) =>
    `The Codex folder ${p.path ?? ''} does not exist (${sourceText(p)}). ` +
    'Create it or correct the setting, then try again.',
  codex_home_not_directory: (p) =>
    `The Codex folder ${p.path ?? ''} is not a folder (${sourceText(p)}). ` +
    'Correct the setting, then try again.',
  auth_file_unreadable: (p) =>
    `auth.json can't be read: ${p.reason ?? 'it is not valid JSON'}. ` +
    'It was left as it is; sign in again to replace it.',
  auth_file_invalid: (p) =>
    `auth.json can't be used: ${p.reason ?? 'a field is wrong'}. ` +
    'It was left as it is; sign in again to replace it.',
  last_refresh_missing: (p) =>
    `auth.json can't be used: ${p.field ?? 'last_refresh'} is ` +
    `${p.reason ?? 'empty'}. It was left as it is; sign in again to ` +
    'replace it.',
  auth_lock_timeout: () =>
    'Another program is writing the Codex sign-in and did not finish in ' +
    'time. Nothing was changed; try again in a moment.',
  auth_write_failed: (p) =>
    `The sign-in could not be saved: ${p.reason ?? 'the write failed'}. ` +
    'The previous sign-in was kept.',
  keyring_unavailable: (p) =>
    "The system keyring, where Codex keeps this sign-in, can't be used. " +
    `${p.reason ?? 'It did not answer.'} Nothing was changed; fix the ` +
    'keyring or set cli_auth_credentials_store = "file" in config.toml, ' +
    'then try again.',
  port_busy: (p) =>
    `Ports ${p.ports ?? '1455 and 1457'} are used by another program` +
    `${p.reason ? ` (${p.reason})` : ''}, so the sign-in can't receive ` +
    "the browser's answer. Close that program and try again.",
  state_mismatch: () =>
    'The browser sent an answer that does not belong to this sign-in. ' +
    'It was ignored.',
  sign_in_in_progress: () =>
    'A sign-in is already waiting for the browser. Finish it there or ' +
    'cancel it first.',
  sign_in_cancelled: () => 'The sign-in was cancelled. Nothing was changed.',
  sign_in_taken_over: () =>
    'Another program (probably Codex itself) took over the sign-in. ' +
    'Nothing was changed here.',
  sign_in_timed_out: () =>
    'The sign-in was not finished in the browser within 10 minutes. ' +
    'Nothing was changed; start again when you are ready.',
  authorization_denied: (p) =>
    `The sign-in was refused${p.reason ? `: ${p.reason}` : ''}. ` +
    'Nothing was changed; try again or use another account.',
  missing_codex_entitlement: () =>
    'Codex is not enabled for your workspace. Ask its admin to turn on ' +
    'Codex, or sign in with another account.',
  workspace_not_allowed: (p) =>
    `This computer only allows the workspace ${p.reason ?? ''} ` +
    '(forced_chatgpt_workspace_id in config.toml). Sign in to that workspace.',
  token_exchange_failed: (p) =>
    `The sign-in could not be completed: ${p.reason ?? 'the issuer refused the code'}. ` +
    'Nothing was changed; try again.',
  issuer_unreachable: (p) =>
    `The sign-in service can't be reached${p.reason ? ` (${p.reason})` : ''}. ` +
    'Check your connection and try again.',
  issuer_insecure: () =>
    'The sign-in service address must use https (plain http is allowed ' +
    'only on this computer). Correct the setting.',
  api_key_invalid: (p) =>
    `That API key can't be used: ${p.reason ?? 'it is empty'}. ` +
    'Paste the whole key and try again.',
  browser_open_failed: () =>
    'The browser could not be opened for the sign-in. Open your default ' +
    'browser and try again.',
  refresh_token_expired: () =>
    'This sign-in has expired. Sign in again to keep using this account.',
  refresh_token_reused: () =>
    'This sign-in was renewed somewhere else with the same token and no ' +
    'longer works. Sign in again to keep using this account.',
  refresh_token_invalidated: () =>
    'This sign-in was ended (signed out everywhere or password changed). ' +
    'Sign in again to keep using this account.',
  refresh_failed: (p) =>
    `Couldn't renew the sign-in${p.reason ? ` (${p.reason})` : ''}; ` +
    'will try again later. Nothing was changed.',
  account_not_found: () =>
    'That account is no longer saved on this computer. Add it again.',
  account_not_allowed: (p) =>
    `This account can't be used here: ${asSentence(p.reason ?? 'config.toml forbids it')}`,
  account_not_refreshable: () =>
    "This sign-in has no refresh token, so it can't be kept for later. " +
    'Sign in with it again to save it.',
  account_store_unreadable: (p) =>
    `A saved account could not be read${p.reason ? ` (${p.reason})` : ''}. ` +
    'It was left as it is.',
  revoke_failed: (p) =>
    `Couldn't sign out everywhere${p.reason ? ` (${p.reason})` : ''}. ` +
    'Nothing was removed; try again.',
  invalid_request: () =>
    'The window sent a request the app does not understand. Restart the app.',
  internal_error: () =>
    'Something went wrong inside Codex Accounts. Nothing was changed; ' +
    'try again, and restart the app if it keeps happening.',
};

function sourceText(params: ErrorParams): string {
  return params.source === 'CODEX_HOME'
    ? 'set by the CODEX_HOME environment variable'
    : 'the default location';
}

/** The sentence users read for `code`. */
export function describeError(code: ErrorCode, params: ErrorParams = {}) {
  return MESSAGES[code](params);
}

/** Builds the window's view of an error. */
export function toAppError(
  code: ErrorCode,
  params: ErrorParams = {},
): AppError {
  return { code, message: describeError(code, params) };
}

/** Whether a string is one of the known codes (for untrusted input). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(MESSAGES, value);
}
