// The window: header, alerts and the switch notice, then the active
// account's card (or the signed-out intro), the saved accounts, and the
// ways to add one. The slots keep their places so that the sign-in status
// line stays mounted (and keeps being heard) when the view changes around
// it.

import { activeSavedAccount, isSignInRunning } from '../store';
import { useAccounts } from '../store-context';
import { AccountCard } from './account-card';
import { AccountList } from './account-list';
import { ApiKeyEntry } from './api-key-entry';
import { EnvironmentNotes } from './environment-notes';
import { ErrorAlert } from './error-alert';
import { Header } from './header';
import { SignInControl } from './sign-in-control';
import { SignOutControl } from './sign-out-control';
import { SignedOutIntro } from './signed-out-intro';
import { StorageNotice } from './storage-notice';
import { SwitchNotice } from './switch-notice';

/** The whole window. */
export function App() {
  const status = useAccounts((state) => state.status);
  const running = useAccounts((state) => isSignInRunning(state.signIn));
  const account = status?.state === 'signed_in' ? status.account : null;
  const accounts = status?.accounts ?? [];
  const hasAccounts = accounts.length > 0;

  return (
    <div className="app">
      <Header home={status?.codexHome ?? null} />
      <main className="content">
        <ErrorAlert />
        <SwitchNotice />
        {status === null ? (
          <p className="loading">Reading the Codex sign-in…</p>
        ) : account !== null ? (
          <AccountCard
            account={account}
            readAt={status.readAt}
            saved={activeSavedAccount(status)}
          />
        ) : (
          <SignedOutIntro
            unusable={status.state === 'unusable'}
            hasSaved={hasAccounts}
          />
        )}
        <EnvironmentNotes />
        {account !== null && <SignOutControl />}
        {hasAccounts && <AccountList accounts={accounts} />}
        <SignInControl
          offer={
            status === null ? 'none' : account !== null ? 'add' : 'sign-in'
          }
          signedIn={account !== null}
          hasSaved={hasAccounts}
        />
        {status !== null && !running && <ApiKeyEntry />}
        {hasAccounts && <StorageNotice />}
      </main>
    </div>
  );
}
