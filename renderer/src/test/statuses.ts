// Statuses and accounts as main would send them, for tests. Placeholders
// only: no real email, workspace or key.

import type {
  AccountSummary,
  AuthStatus,
  SavedAccountView,
} from '../../../shared/account';

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

let revisions = 0;

/**
 * The next status revision: every status built here is newer than the ones
 * built before it, as main's are.
 */
export function nextRevision(): number {
  revisions += 1;
  return revisions;
}

/** No auth.json in the default Codex folder. */
export function signedOutStatus(
  overrides: Partial<AuthStatus> = {},
): AuthStatus {
  return {
    revision: nextRevision(),
    codexHome: { path: '/home/user/.codex', source: 'default' },
    state: 'signed_out',
    account: null,
    problem: null,
    readAt: READ_AT,
    signIn: { phase: 'idle' },
    accounts: [],
    storage: { encrypted: false, weak: false },
    lastSwitch: null,
    environment: {
      credentialsStore: 'file',
      chatgptBlocked: null,
      apiKeyBlocked: null,
      configProblem: null,
      apiKeyVariables: [],
      authFileOpenToOthers: false,
    },
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

/** A saved, inactive account built on `chatgptAccount(summary)`. */
export function savedAccount(
  summary: Partial<AccountSummary> = {},
  overrides: Partial<SavedAccountView> = {},
): SavedAccountView {
  const account = chatgptAccount(summary);

  return {
    key: `${account.workspaceId ?? 'none'}/${account.userId ?? 'none'}`,
    label: null,
    summary: account,
    isActive: false,
    blockedReason: null,
    needsSignIn: false,
    ...overrides,
  };
}

/** Alice on Plus, in her personal workspace. */
export const ALICE = savedAccount();

/** Bob in a Team workspace. */
export const BOB = savedAccount({
  email: 'bob@example.com',
  label: 'bob@example.com',
  plan: { id: 'team', raw: 'team', name: 'Team', isWorkspace: true },
  workspaceId: 'ws-team-2222-3333',
  shortWorkspaceId: 'ws-team',
  userId: 'user-bob',
});

/** Carol on Pro, whose refresh failed for good. */
export const CAROL = savedAccount(
  {
    email: 'carol@example.com',
    label: 'carol@example.com',
    plan: { id: 'pro', raw: 'pro', name: 'Pro', isWorkspace: false },
    workspaceId: 'ws-carol-4444',
    shortWorkspaceId: 'ws-caro',
    userId: 'user-carol',
  },
  { needsSignIn: true },
);

/** Dave in an Enterprise workspace that config.toml does not allow. */
export const DAVE = savedAccount(
  {
    email: 'dave@example.com',
    label: 'dave@example.com',
    plan: {
      id: 'enterprise',
      raw: 'enterprise',
      name: 'Enterprise',
      isWorkspace: true,
    },
    workspaceId: 'ws-corp-5555',
    shortWorkspaceId: 'ws-corp',
    userId: 'user-dave',
  },
  {
    blockedReason:
      // As codex-config words it: a sentence, with its full stop.
      'config.toml allows only the workspace ws-team-2222-3333 ' +
      '(forced_chatgpt_workspace_id).',
  },
);

/** An API key saved as an account. */
export const API_KEY = savedAccount(
  {
    mode: 'apikey',
    email: null,
    label: 'API key sk-proj-***ABCDE',
    plan: null,
    workspaceId: null,
    shortWorkspaceId: null,
    userId: null,
    accessTokenExpiresAt: null,
    lastRefresh: null,
    canRefresh: false,
    apiKeyMask: 'sk-proj-***ABCDE',
  },
  { key: 'apikey/ABCDE' },
);

/**
 * A status holding `accounts`: signed in as the one marked active, or
 * signed out when none is.
 */
export function accountsStatus(
  accounts: readonly SavedAccountView[],
  overrides: Partial<AuthStatus> = {},
): AuthStatus {
  const active = accounts.find((view) => view.isActive) ?? null;

  return signedOutStatus({
    state: active === null ? 'signed_out' : 'signed_in',
    account: active?.summary ?? null,
    accounts: [...accounts],
    ...overrides,
  });
}

/** `view`, marked as the account in auth.json. */
export function active(view: SavedAccountView): SavedAccountView {
  return { ...view, isActive: true };
}

/** `count` distinct saved accounts, the first one active. */
export function manyAccounts(count: number): SavedAccountView[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `user${String(index).padStart(3, '0')}`;

    return savedAccount(
      {
        email: `${name}@example.com`,
        label: `${name}@example.com`,
        userId: `user-${name}`,
        workspaceId: `ws-${name}-0000`,
        shortWorkspaceId: `ws-${name.slice(-3)}`,
      },
      { isActive: index === 0 },
    );
  });
}
