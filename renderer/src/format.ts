// The short phrases the window shows for accounts and times. Pure functions,
// so each phrase is tested on its own.

import type {
  AccountSummary,
  AuthMode,
  SavedAccountView,
  SwitchNotice,
} from '../../shared/account';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// English on purpose: the phrases sit inside English sentences.
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

const MODE_NAMES: Record<AuthMode, string> = {
  chatgpt: 'ChatGPT',
  apikey: 'API key',
  chatgptAuthTokens: 'ChatGPT (tokens from another app)',
  agentIdentity: 'Agent identity',
};

/** How far `iso` is from `now`: "in 3 days", "5 minutes ago", "just now". */
export function formatRelativeTime(iso: string, now: number): string {
  const diff = Date.parse(iso) - now;

  if (Number.isNaN(diff)) {
    return 'at an unknown time';
  }

  if (Math.abs(diff) < 45 * SECOND) {
    return diff < 0 ? 'just now' : 'in less than a minute';
  }

  const [unit, size] = UNITS.find(([, length]) => Math.abs(diff) >= length) ?? [
    'minute',
    MINUTE,
  ];

  return RELATIVE.format(Math.round(diff / size), unit);
}

/**
 * How long ago `iso` was, for times that can only be past (when a file was
 * read): a moment ahead of this window's clock still reads "just now".
 */
export function formatPastTime(iso: string, now: number): string {
  const time = Date.parse(iso);

  if (!Number.isNaN(time) && time >= now) {
    return 'just now';
  }

  return formatRelativeTime(iso, now);
}

/** "expires in 3 days", or "expired 2 hours ago" once it has. */
export function formatExpiry(iso: string, now: number): string {
  const verb = Date.parse(iso) > now ? 'expires' : 'expired';

  return `${verb} ${formatRelativeTime(iso, now)}`;
}

/** Whether `iso` is in the past. */
export function hasPassed(iso: string, now: number): boolean {
  return Date.parse(iso) <= now;
}

/** Minutes and seconds until `iso`, as "9:05"; "0:00" once it has passed. */
export function formatTimeLeft(iso: string, now: number): string {
  const left = Date.parse(iso) - now;
  const seconds = Number.isNaN(left)
    ? 0
    : Math.ceil(Math.max(0, left) / SECOND);
  const minutes = Math.floor(seconds / 60);

  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What to call the account: its email, else main's fallback label. */
export function accountLabel(account: AccountSummary): string {
  return account.email ?? account.label;
}

/** A saved account's name: the user's own, else its email or fallback. */
export function savedAccountName(view: SavedAccountView): string {
  return view.label ?? view.summary.label;
}

/**
 * Whether a sign-in can be used as it is (D3): "works" while the access
 * token is valid, or can be renewed by Codex; "sign-in-again" once the
 * refresh failed for good, or the token expired with nothing to renew it.
 */
export type SignInHealth = 'works' | 'sign-in-again';

/** The health of `account` at `now`; `needsSignIn` comes from main. */
export function signInHealth(
  account: AccountSummary,
  needsSignIn: boolean,
  now: number,
): SignInHealth {
  if (needsSignIn) {
    return 'sign-in-again';
  }

  const expiresAt = account.accessTokenExpiresAt;
  const expired = expiresAt !== null && hasPassed(expiresAt, now);

  return expired && !account.canRefresh ? 'sign-in-again' : 'works';
}

/** A running Codex process as "codex (pid 1234)". */
export function describeProcess(
  process: SwitchNotice['runningCodex'][number],
): string {
  return `${process.name} (pid ${process.pid})`;
}

/** Up to two letters for the avatar: from the email, else the plan. */
export function accountInitials(account: AccountSummary): string {
  if (
    account.email === null &&
    account.plan === null &&
    account.mode === 'apikey'
  ) {
    return 'API';
  }

  const source =
    account.email?.split('@')[0] ?? account.plan?.name ?? account.label;
  const words = source.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  const letters = words.slice(0, 2).map((word) => [...word][0] ?? '');

  return letters.join('').toUpperCase() || '?';
}

/** "Personal · ws-pers", "Workspace · ws-team", or null for an API key. */
export function accountKind(account: AccountSummary): string | null {
  const kind = account.plan
    ? account.plan.isWorkspace
      ? 'Workspace'
      : 'Personal'
    : null;
  const parts = [kind, account.shortWorkspaceId].filter(
    (part): part is string => part !== null,
  );

  return parts.length > 0 ? parts.join(' · ') : null;
}

/** What Codex will use: "ChatGPT", or "API key · sk-proj-***ABCDE". */
export function accountMode(account: AccountSummary): string {
  const name = MODE_NAMES[account.mode];

  return account.mode === 'apikey' && account.apiKeyMask !== null
    ? `${name} · ${account.apiKeyMask}`
    : name;
}

/** The same date in full, in the user's own format, for a tooltip. */
export function formatFullDate(iso: string): string {
  const date = new Date(iso);

  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
