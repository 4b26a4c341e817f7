// Decides when the desktop should say that the active sign-in needs the
// user: it must be signed in again, it was signed out by another program,
// or auth.json became unusable. Once per episode: the same trouble is not
// announced twice, and a new one after recovery is.

import type { AuthStatus } from '../../shared/account';
import type { AuthManagerEvent } from '../auth/auth-manager';

/** A desktop notification to show. */
export interface SignInAlert {
  title: string;
  body: string;
}

/** Returns a function that turns manager events into alerts (or null). */
export function createSignInAlerts(): (
  event: AuthManagerEvent,
) => SignInAlert | null {
  let previous: AuthStatus | null = null;
  let episode: string | null = null;

  return (event) => {
    if (event.type !== 'status') return null;
    const before = previous;
    const status = event.status;
    previous = status;

    const next = troubleOf(before, status, event.cause);
    if (next === null) {
      if (status.state === 'signed_in' && !activeNeedsSignIn(status)) {
        episode = null;
      }
      return null;
    }
    if (next.id === episode) return null;
    episode = next.id;
    return next.alert;
  };
}

function troubleOf(
  before: AuthStatus | null,
  status: AuthStatus,
  cause: 'app' | 'outside',
): { id: string; alert: SignInAlert } | null {
  const active = status.accounts.find((account) => account.isActive);

  if (active?.needsSignIn) {
    return {
      id: `needs-sign-in:${active.key}:${active.summary.lastRefresh ?? ''}`,
      alert: {
        title: 'Sign in to Codex again',
        body: `${active.label ?? active.summary.label} can no longer be renewed. Open Codex Accounts to sign in again.`,
      },
    };
  }
  if (cause !== 'outside' || before?.state !== 'signed_in') return null;

  if (status.state === 'signed_out') {
    return {
      id: `signed-out:${before.account?.label ?? ''}`,
      alert: {
        title: 'Codex was signed out',
        body: `Another program signed ${before.account?.label ?? 'the account'} out of Codex on this computer.`,
      },
    };
  }
  if (status.state === 'unusable') {
    return {
      id: `unusable:${status.problem?.code ?? ''}`,
      alert: {
        title: "Codex's sign-in can't be used",
        body: status.problem?.message ?? 'auth.json could not be read.',
      },
    };
  }
  return null;
}

function activeNeedsSignIn(status: AuthStatus): boolean {
  return status.accounts.some(
    (account) => account.isActive && account.needsSignIn,
  );
}
