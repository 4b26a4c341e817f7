// The signed-in account: who, which plan, personal or workspace, what Codex
// will use, when the access token expires and when the plan was read.

import { useId, useRef } from 'react';

import type { AccountSummary, PlanSummary } from '../../../shared/account';
import {
  accountKind,
  accountLabel,
  accountMode,
  formatExpiry,
  formatFullDate,
  formatRelativeTime,
  hasPassed,
} from '../format';
import { useAccounts } from '../store-context';
import { useFocusWhenLost } from '../use-focus-when-lost';
import { useNow } from '../use-now';
import { Avatar } from './avatar';

const LEGACY_API_KEY_NOTE =
  'Codex will use the API key in this file, not the ChatGPT sign-in.';
const CANNOT_RENEW_NOTE = "Can't be renewed: sign in again when it expires.";
const EXPIRED_CANNOT_RENEW_NOTE =
  "The access token has expired and can't be renewed: sign in again.";

/** The card for the account in auth.json; `readAt` is when it was read. */
export function AccountCard(props: {
  account: AccountSummary;
  readAt: string;
}) {
  const { account, readAt } = props;
  const now = useNow(30_000);
  const cardRef = useRef<HTMLElement>(null);
  const labelId = useId();
  const kind = accountKind(account);
  const expiresAt = account.accessTokenExpiresAt;
  const expired = expiresAt !== null && hasPassed(expiresAt, now);

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
            {accountLabel(account)}
          </h2>
          {(account.plan !== null || kind !== null) && (
            <p className="meta">
              {account.plan !== null && <PlanBadge plan={account.plan} />}
              {account.plan !== null && kind !== null && (
                <span className="visually-hidden">, </span>
              )}
              {kind !== null && (
                <span className="kind" data-testid="account-kind">
                  {kind}
                </span>
              )}
            </p>
          )}
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

      <ReadLine readAt={readAt} now={now} hasPlan={account.plan !== null} />
    </section>
  );
}

function PlanBadge(props: { plan: PlanSummary }) {
  const unknown = props.plan.id === null;

  return (
    <>
      <span className="visually-hidden">Plan: </span>
      <span
        className="badge"
        data-testid="plan-badge"
        title={unknown ? 'A plan this app does not know yet' : undefined}
      >
        {props.plan.name}
      </span>
    </>
  );
}

function ReadLine(props: { readAt: string; now: number; hasPlan: boolean }) {
  const reload = useAccounts((state) => state.reload);
  const reloading = useAccounts((state) => state.pending.includes('reload'));

  return (
    <div className="card-foot">
      <p className="muted" data-testid="read-at">
        {props.hasPlan ? 'Plan read ' : 'Read '}
        <time dateTime={props.readAt} title={formatFullDate(props.readAt)}>
          {formatRelativeTime(props.readAt, props.now)}
        </time>
      </p>
      <button
        type="button"
        className="button button--small"
        aria-disabled={reloading}
        onClick={() => void reload()}
      >
        Refresh account info
      </button>
    </div>
  );
}
