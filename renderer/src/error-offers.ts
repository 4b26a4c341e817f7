// What the window offers next to an error, decided by its code.

import type { ErrorCode } from '../../shared/errors';

// TODO(contract): shared/errors.ts gives each code a message but not its
// kind. Until AppError carries "transient" or "permanent", this list says
// which failures may be gone a moment later, so that a plain retry helps.
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'auth_file_unreadable',
  'auth_lock_timeout',
  'auth_write_failed',
  'keyring_unavailable',
  'port_busy',
  'browser_open_failed',
  'issuer_unreachable',
  'token_exchange_failed',
  'sign_in_timed_out',
  'internal_error',
]);

/** Whether trying the same request again may succeed. */
export function isWorthRetrying(code: ErrorCode): boolean {
  return TRANSIENT_CODES.has(code);
}
