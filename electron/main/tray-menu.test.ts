import { describe, expect, it, vi } from 'vitest';

import { QUIET_ENVIRONMENT } from '../../e2e/support/temp-home';
import type {
  AccountSummary,
  AuthStatus,
  SavedAccountView,
} from '../../shared/account';
import {
  buildTrayMenuTemplate,
  type TrayMenuActions,
  trayTooltip,
} from './tray-menu';

const SIGNED_OUT: AuthStatus = {
  revision: 1,
  codexHome: { path: '/home/ada/.codex', source: 'default' },
  state: 'signed_out',
  account: null,
  problem: null,
  readAt: '2025-01-01T00:00:00.000Z',
  signIn: { phase: 'idle' },
  accounts: [],
  storage: { encrypted: true, weak: false },
  lastSwitch: null,
  environment: QUIET_ENVIRONMENT,
};

const PLUS_ACCOUNT: AccountSummary = {
  mode: 'chatgpt',
  modeReason: 'auth_mode_field',
  email: 'ada@example.com',
  label: 'ada@example.com',
  plan: { id: 'plus', raw: 'plus', name: 'Plus', isWorkspace: false },
  workspaceId: 'org-1234567890',
  shortWorkspaceId: 'org-1234',
  userId: 'user-1',
  accessTokenExpiresAt: '2025-01-02T00:00:00.000Z',
  lastRefresh: '2025-01-01T00:00:00.000Z',
  canRefresh: true,
  apiKeyMask: null,
};

const SIGNED_IN: AuthStatus = {
  ...SIGNED_OUT,
  state: 'signed_in',
  account: PLUS_ACCOUNT,
};

const UNUSABLE: AuthStatus = {
  ...SIGNED_OUT,
  state: 'unusable',
  problem: { code: 'auth_file_invalid', message: 'auth.json is not valid.' },
};

const TEAM_ACCOUNT: AccountSummary = {
  ...PLUS_ACCOUNT,
  email: 'ada@work.example',
  label: 'ada@work.example',
  plan: { id: 'team', raw: 'team', name: 'Team', isWorkspace: true },
  workspaceId: 'org-team',
};

function saved(
  summary: AccountSummary,
  overrides: Partial<SavedAccountView> = {},
): SavedAccountView {
  return {
    key: `${summary.workspaceId}:${summary.userId}`,
    label: null,
    summary,
    isActive: false,
    blockedReason: null,
    needsSignIn: false,
    ...overrides,
  };
}

function fakeActions(): TrayMenuActions {
  return {
    openWindow: vi.fn(),
    signInWithChatGPT: vi.fn(),
    switchAccount: vi.fn(),
    cancelSignIn: vi.fn(),
    confirmSignOut: vi.fn(),
    checkAgain: vi.fn(),
    quit: vi.fn(),
  };
}

/** The template without functions, to compare as a whole. */
function shapeOf(status: AuthStatus, actions = fakeActions()) {
  return buildTrayMenuTemplate(status, actions).map((item) => ({
    ...item,
    click: item.click ? 'fn' : undefined,
  }));
}

function clickItem(
  status: AuthStatus,
  label: string,
  actions: TrayMenuActions,
) {
  const item = buildTrayMenuTemplate(status, actions).find(
    (candidate) => candidate.label === label,
  );
  item?.click?.();
}

describe('buildTrayMenuTemplate', () => {
  describe('when signed in', () => {
    it('shows the account with plan and mode, and offers sign out', () => {
      expect(shapeOf(SIGNED_IN)).toEqual([
        {
          label: 'ada@example.com · Plus · ChatGPT',
          enabled: false,
          click: undefined,
        },
        { type: 'separator', click: undefined },
        { label: 'Open Codex Accounts', click: 'fn' },
        { label: 'Add a ChatGPT account…', click: 'fn' },
        { label: 'Sign out…', click: 'fn' },
        { type: 'separator', click: undefined },
        { label: 'Quit', click: 'fn' },
      ]);
    });

    it('asks for confirmation in the window instead of signing out', () => {
      const actions = fakeActions();

      clickItem(SIGNED_IN, 'Sign out…', actions);

      expect(actions.confirmSignOut).toHaveBeenCalledOnce();
    });

    it('names an API key once, by its mask', () => {
      const apiKey: AuthStatus = {
        ...SIGNED_IN,
        account: {
          ...PLUS_ACCOUNT,
          mode: 'apikey',
          email: null,
          plan: null,
          label: 'API key sk-proj-***ABCDE',
        },
      };

      const [line] = buildTrayMenuTemplate(apiKey, fakeActions());

      expect(line?.label).toBe('API key sk-proj-***ABCDE');
    });
  });

  describe('with saved accounts', () => {
    const withSaved: AuthStatus = {
      ...SIGNED_IN,
      accounts: [
        saved(PLUS_ACCOUNT, { isActive: true }),
        saved(TEAM_ACCOUNT),
        saved(
          { ...TEAM_ACCOUNT, label: 'ada@old.example' },
          {
            key: 'old',
            needsSignIn: true,
          },
        ),
        saved(
          { ...TEAM_ACCOUNT, label: 'ada@blocked.example' },
          {
            key: 'blocked',
            blockedReason: 'forced_chatgpt_workspace_id',
          },
        ),
      ],
    };

    it('lists the others to switch to, and says why one cannot be', () => {
      expect(shapeOf(withSaved).slice(5, 9)).toEqual([
        { type: 'separator', click: undefined },
        { label: 'Switch to ada@work.example · Team', click: 'fn' },
        {
          label: 'ada@old.example · Team (sign in again)',
          enabled: false,
          click: undefined,
        },
        {
          label: 'ada@blocked.example · Team (not allowed here)',
          enabled: false,
          click: undefined,
        },
      ]);
    });

    it('switches to the account that was chosen', () => {
      const actions = fakeActions();

      clickItem(withSaved, 'Switch to ada@work.example · Team', actions);

      expect(actions.switchAccount).toHaveBeenCalledWith('org-team:user-1');
    });

    it('uses the name the user gave an account', () => {
      const named: AuthStatus = {
        ...SIGNED_IN,
        accounts: [saved(TEAM_ACCOUNT, { label: 'Work' })],
      };

      expect(shapeOf(named).map((item) => item.label)).toContain(
        'Switch to Work · Team',
      );
    });
  });

  describe('when signed out', () => {
    it('says so and offers the ChatGPT sign-in', () => {
      expect(shapeOf(SIGNED_OUT)).toEqual([
        { label: 'Signed out of Codex', enabled: false, click: undefined },
        { type: 'separator', click: undefined },
        { label: 'Open Codex Accounts', click: 'fn' },
        { label: 'Sign in with ChatGPT…', click: 'fn' },
        { type: 'separator', click: undefined },
        { label: 'Quit', click: 'fn' },
      ]);
    });

    it('starts the sign-in from the menu', () => {
      const actions = fakeActions();

      clickItem(SIGNED_OUT, 'Sign in with ChatGPT…', actions);

      expect(actions.signInWithChatGPT).toHaveBeenCalledOnce();
    });

    it('offers to reopen or cancel a sign-in that is waiting', () => {
      const waiting: AuthStatus = {
        ...SIGNED_OUT,
        signIn: {
          phase: 'waiting',
          port: 1455,
          expiresAt: '2025-01-01T00:10:00.000Z',
        },
      };
      const actions = fakeActions();

      clickItem(waiting, 'Cancel sign-in', actions);

      expect(shapeOf(waiting).map((item) => item.label)).toEqual([
        'Signed out of Codex',
        undefined,
        'Open Codex Accounts',
        'Open the sign-in page again…',
        'Cancel sign-in',
        undefined,
        'Quit',
      ]);
      expect(actions.cancelSignIn).toHaveBeenCalledOnce();
    });
  });

  describe('when auth.json is unusable', () => {
    it('says the sign-in cannot be read and offers to check again', () => {
      expect(shapeOf(UNUSABLE)).toEqual([
        {
          label: "Codex's sign-in can't be read",
          enabled: false,
          click: undefined,
        },
        { type: 'separator', click: undefined },
        { label: 'Open Codex Accounts', click: 'fn' },
        { label: 'Check again', click: 'fn' },
        { type: 'separator', click: undefined },
        { label: 'Quit', click: 'fn' },
      ]);
    });
  });

  it('quits from the menu in every state', () => {
    for (const status of [SIGNED_IN, SIGNED_OUT, UNUSABLE]) {
      const actions = fakeActions();

      clickItem(status, 'Quit', actions);

      expect(actions.quit).toHaveBeenCalledOnce();
    }
  });
});

describe('trayTooltip', () => {
  it('names the account and its plan when signed in', () => {
    expect(trayTooltip(SIGNED_IN)).toBe(
      'Codex Accounts — ada@example.com (Plus)',
    );
  });

  it('says signed out when nobody is', () => {
    expect(trayTooltip(SIGNED_OUT)).toBe('Codex Accounts — signed out');
  });

  it("says the sign-in can't be read when auth.json is broken", () => {
    expect(trayTooltip(UNUSABLE)).toBe(
      "Codex Accounts — the sign-in can't be read",
    );
  });

  it('does not repeat a plan that is already the label', () => {
    const noEmail: AuthStatus = {
      ...SIGNED_IN,
      account: { ...PLUS_ACCOUNT, email: null, label: 'Plus · org-1234' },
    };

    expect(trayTooltip(noEmail)).toBe('Codex Accounts — Plus · org-1234');
  });
});
