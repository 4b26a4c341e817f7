// The signed-in account: who, which plan, personal or workspace, what Codex
// will use, when the access token expires, whether the sign-in still works
// and when the plan was read.

import { useId, useRef } from 'react';

import type { AccountSummary, SavedAccountView } from '../../../shared/account';
import {
  accountLabel,
  accountMode,
  formatExpiry,
  formatFullDate,
  formatPastTime,
  hasPassed,
  signInHealth,
} from '../format';
import { useAccounts } from '../store-context';
import { useFocusWhenLost } from '../use-focus-when-lost';
import { useNow } from '../use-now';
import { Avatar } from './avatar';
import { AccountMeta } from './plan-badge';

const LEGACY_API_KEY_NOTE =
  'Codex will use the API key in this file, not the ChatGPT sign-in.';
const CANNOT_RENEW_NOTE = "Can't be renewed: sign in again when it expires.";
const EXPIRED_CANNOT_RENEW_NOTE =
  "The access token has expired and can't be renewed: sign in again.";
const HEALTH_TEXT = {
  works: 'Works now',
  'sign-in-again': 'Sign in again needed',
} as const;
const CARD_TEST_IDS = { plan: 'plan-badge', kind: 'account-kind' };

/**
 * The card for the account in auth.json; `readAt` is when it was read, and
 * `saved` is its entry among the saved accounts, when it has one.
 */
export function AccountCard(props: {
  account: AccountSummary;
  readAt: string;
  saved: SavedAccountView | null;
}) {
  const { account, readAt, saved } = props;
  const now = useNow(30_000);
  const cardRef = useRef<HTMLElement>(null);
  const labelId = useId();
  const expiresAt = account.accessTokenExpiresAt;
  const expired = expiresAt !== null && hasPassed(expiresAt, now);
  const health = signInHealth(account, saved?.needsSignIn ?? false, now);
  const ownName = saved?.label ?? null;

  useFocusWhenLost(cardRef, true);

  return (
    <section
      ref={cardRef}
      className="card"
      aria-labelledby={labelId}
      tabIndex={-1}
    >
      <div className="card-head">
        <Avatar account={account} />
        <div className="identity">
          <h2 id={labelId} className="label" data-testid="account-label">
            {ownName ?? accountLabel(account)}
          </h2>
          {ownName !== null && (
            <p className="sub-label muted">{accountLabel(account)}</p>
          )}
          <AccountMeta account={account} testIds={CARD_TEST_IDS} />
        </div>
      </div>
      <dl className="facts">
        <div className="fact">
          <dt>Codex uses</dt>
          <dd data-testid="account-mode">{accountMode(account)}</dd>
        </div>
        {expiresAt !== null && (
          <div className="fact">
            <dt>Access token</dt>
            <dd data-testid="account-expiry">
              <time dateTime={expiresAt} title={formatFullDate(expiresAt)}>
                {formatExpiry(expiresAt, now)}
              </time>
              {expired && account.canRefresh && (
                <span className="muted">
                  ; Codex renews it when it next runs
                </span>
              )}
            </dd>
          </div>
        )}
        {account.mode !== 'apikey' && (
          <div className="fact">
            <dt>Sign-in</dt>
            <dd
              className={`health health--${health}`}
              data-testid="account-health"
            >
              {HEALTH_TEXT[health]}
            </dd>
          </div>
        )}
      </dl>
      {account.modeReason === 'legacy_api_key' && (
        <p className="note note--warning" data-testid="legacy-api-key-note">
          {LEGACY_API_KEY_NOTE}
        </p>
      )}
      {account.mode === 'chatgpt' && !account.canRefresh && (
        <p className="note note--warning" data-testid="cannot-renew-note">
          {expired ? EXPIRED_CANNOT_RENEW_NOTE : CANNOT_RENEW_NOTE}
        </p>
      )}
      {saved?.needsSignIn === true && (
        <p className="note note--warning" data-testid="sign-in-ended-note">
          {signInEndedNote(accountLabel(account))}
        </p>
      )}
      <ReadLine
        readAt={readAt}
        now={now}
        hasPlan={account.plan !== null}
        savedKey={saved?.key ?? null}
      />
    </section>
  );
}

/** What to do about an account whose sign-in ended for good. */
export function signInEndedNote(label: string): string {
  return (
    'Its sign-in has ended and can no longer be renewed. Choose Add ' +
    `account and sign in as ${label} again.`
  );
}

function ReadLine(props: {
  readAt: string;
  now: number;
  hasPlan: boolean;
  savedKey: string | null;
}) {
  const { savedKey } = props;
  const reload = useAccounts((state) => state.reload);
  const refreshAccount = useAccounts((state) => state.refreshAccount);
  const working = useAccounts(
    (state) =>
      state.pending.includes('reload') ||
      (savedKey !== null && state.accountTasks[savedKey] === 'refresh'),
  );

  // A saved account is renewed, which reads its plan from a new id_token
  // (G1); a sign-in the app could not save can only be read again.
  function refresh(): void {
    void (savedKey !== null ? refreshAccount(savedKey) : reload());
  }

  return (
    <div className="card-foot">
      <p className="muted" data-testid="read-at">
        {props.hasPlan ? 'Plan read ' : 'Read '}
        <time dateTime={props.readAt} title={formatFullDate(props.readAt)}>
          {formatPastTime(props.readAt, props.now)}
        </time>
      </p>
      <button
        type="button"
        className="button button--small"
        aria-disabled={working}
        onClick={refresh}
      >
        Refresh account info
      </button>
    </div>
  );
}
