// The window: header, alerts, then either the account card or the sign-in
// choices. The slots keep their places so that the sign-in status line stays
// mounted (and keeps being heard) when the view changes around it.

import { isSignInRunning } from '../store';
import { useAccounts } from '../store-context';
import { AccountCard } from './account-card';
import { ApiKeyEntry } from './api-key-entry';
import { ErrorAlert } from './error-alert';
import { Header } from './header';
import { SignInControl } from './sign-in-control';
import { SignOutControl } from './sign-out-control';
import { SignedOutIntro } from './signed-out-intro';

/** The whole window. */
export function App() {
  const status = useAccounts((state) => state.status);
  const running = useAccounts((state) => isSignInRunning(state.signIn));
  const account = status?.state === 'signed_in' ? status.account : null;
  const signedOut = status !== null && account === null;

  return (
    <div className="app">
      <Header home={status?.codexHome ?? null} />
      <main className="content">
        <ErrorAlert />
        {status === null ? (
          <p className="loading">Reading the Codex sign-in…</p>
        ) : account !== null ? (
          <AccountCard account={account} readAt={status.readAt} />
        ) : (
          <SignedOutIntro unusable={status.state === 'unusable'} />
        )}
        <SignInControl canStart={signedOut} />
        {account !== null ? (
          <SignOutControl />
        ) : signedOut && !running ? (
          <ApiKeyEntry />
        ) : null}
      </main>
    </div>
  );
}
