// Statuses and accounts as main would send them, for tests. Placeholders
// only: no real email, workspace or key.

import type { AccountSummary, AuthStatus } from '../../../shared/account';

/** When the statuses below were read. */
export const READ_AT = '2030-01-01T12:00:00.000Z';

/** A ChatGPT Plus account in a personal workspace, with `overrides`. */
export function chatgptAccount(
  overrides: Partial<AccountSummary> = {},
): AccountSummary {
  return {
    mode: 'chatgpt',
    modeReason: 'auth_mode_field',
    email: 'alice@example.com',
    label: 'alice@example.com',
    plan: { id: 'plus', raw: 'plus', name: 'Plus', isWorkspace: false },
    workspaceId: 'ws-pers-0000-1111',
    shortWorkspaceId: 'ws-pers',
    userId: 'user-alice',
    accessTokenExpiresAt: '2030-01-04T12:00:00.000Z',
    lastRefresh: '2029-12-31T12:00:00.000Z',
    canRefresh: true,
    apiKeyMask: null,
    ...overrides,
  };
}

/** No auth.json in the default Codex folder. */
export function signedOutStatus(
  overrides: Partial<AuthStatus> = {},
): AuthStatus {
  return {
    codexHome: { path: '/home/user/.codex', source: 'default' },
    state: 'signed_out',
    account: null,
    problem: null,
    readAt: READ_AT,
    signIn: { phase: 'idle' },
    accounts: [],
    storage: { encrypted: false, weak: false },
    lastSwitch: null,
    ...overrides,
  };
}

/** Signed in as `chatgptAccount(account)`. */
export function signedInStatus(
  account: Partial<AccountSummary> = {},
  overrides: Partial<AuthStatus> = {},
): AuthStatus {
  return signedOutStatus({
    state: 'signed_in',
    account: chatgptAccount(account),
    ...overrides,
  });
}
