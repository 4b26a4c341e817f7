// What the tray says: its tooltip and its menu, built from the sign-in state.
// No Electron import: the template is plain objects shaped like Electron's
// MenuItemConstructorOptions, so every state's menu is tested in Node.
//
// On Linux a click on the tray icon often does nothing and only the menu
// works, so the menu on its own must show the account, switch between saved
// accounts, add one, sign out (by way of the window) and quit.

import type {
  AuthMode,
  AuthStatus,
  SavedAccountView,
} from '../../shared/account';

/** The subset of Electron's MenuItemConstructorOptions that the tray uses. */
export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  click?: () => void;
}

/** What the menu's items do; tray.ts wires them to the window and services. */
export interface TrayMenuActions {
  openWindow(): void;
  /** Signs in when nobody is; adds a saved account (not made active) else. */
  signInWithChatGPT(): void;
  /** Makes a saved account the one in auth.json. */
  switchAccount(key: string): void;
  cancelSignIn(): void;
  /** Opens the window to confirm there; the menu never signs out itself. */
  confirmSignOut(): void;
  /** Reads auth.json again. */
  checkAgain(): void;
  quit(): void;
}

export const APP_NAME = 'Codex Accounts';

// Kept in step with the window's names for the modes (renderer/src/format.ts).
const MODE_NAMES: Record<AuthMode, string> = {
  chatgpt: 'ChatGPT',
  apikey: 'API key',
  chatgptAuthTokens: 'ChatGPT (tokens from another app)',
  agentIdentity: 'Agent identity',
};

const SIGNED_OUT_LINE = 'Signed out of Codex';
const UNUSABLE_LINE = "Codex's sign-in can't be read";

/** The tooltip: the active account, or that there is none. */
export function trayTooltip(status: AuthStatus): string {
  if (status.state === 'unusable') {
    return `${APP_NAME} — the sign-in can't be read`;
  }

  const account = status.account;
  if (status.state === 'signed_out' || !account) {
    return `${APP_NAME} — signed out`;
  }

  const plan = account.plan && !account.label.includes(account.plan.name);
  return plan
    ? `${APP_NAME} — ${account.label} (${account.plan?.name})`
    : `${APP_NAME} — ${account.label}`;
}

/** The first, disabled line of the menu: who, which plan, which mode. */
export function accountLine(status: AuthStatus): string {
  if (status.state === 'unusable') {
    return UNUSABLE_LINE;
  }

  const account = status.account;
  if (status.state === 'signed_out' || !account) {
    return SIGNED_OUT_LINE;
  }

  const extras = [account.plan?.name, MODE_NAMES[account.mode]].filter(
    (part): part is string => !!part && !account.label.includes(part),
  );
  return [account.label, ...extras].join(' · ');
}

/** The tray menu for `status`. */
export function buildTrayMenuTemplate(
  status: AuthStatus,
  actions: TrayMenuActions,
): TrayMenuItem[] {
  const switchItems = savedAccountItems(status, actions);

  return [
    { label: accountLine(status), enabled: false },
    { type: 'separator' },
    { label: `Open ${APP_NAME}`, click: actions.openWindow },
    ...stateItems(status, actions),
    ...(switchItems.length > 0 ? [separator(), ...switchItems] : []),
    separator(),
    { label: 'Quit', click: actions.quit },
  ];
}

/**
 * One "Switch to" item per saved account that isn't active. An account that
 * config.toml forbids, or whose sign-in ended, is shown but can't be chosen.
 */
function savedAccountItems(
  status: AuthStatus,
  actions: TrayMenuActions,
): TrayMenuItem[] {
  return status.accounts
    .filter((account) => !account.isActive)
    .map((account) => {
      const name = savedAccountName(account);

      if (account.blockedReason) {
        return { label: `${name} (not allowed here)`, enabled: false };
      }
      if (account.needsSignIn) {
        return { label: `${name} (sign in again)`, enabled: false };
      }
      return {
        label: `Switch to ${name}`,
        click: () => actions.switchAccount(account.key),
      };
    });
}

function savedAccountName(account: SavedAccountView): string {
  const name = account.label ?? account.summary.label;
  const plan = account.summary.plan?.name;

  return plan && !name.includes(plan) ? `${name} · ${plan}` : name;
}

function separator(): TrayMenuItem {
  return { type: 'separator' };
}

function stateItems(
  status: AuthStatus,
  actions: TrayMenuActions,
): TrayMenuItem[] {
  const phase = status.signIn.phase;

  if (phase === 'waiting' || phase === 'completing') {
    // The manager reuses a waiting sign-in: this opens its page again.
    return [
      {
        label: 'Open the sign-in page again…',
        click: actions.signInWithChatGPT,
      },
      { label: 'Cancel sign-in', click: actions.cancelSignIn },
    ];
  }

  if (status.state === 'signed_in') {
    return [
      { label: 'Add a ChatGPT account…', click: actions.signInWithChatGPT },
      { label: 'Sign out…', click: actions.confirmSignOut },
    ];
  }

  if (status.state === 'unusable') {
    // What is wrong, and the ways out, are explained in the window.
    return [{ label: 'Check again', click: actions.checkAgain }];
  }

  return [{ label: 'Sign in with ChatGPT…', click: actions.signInWithChatGPT }];
}
