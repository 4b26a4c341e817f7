// The one place errors are shown: what is wrong with auth.json, the last
// request that failed, and a browser sign-in that failed. Each message is
// main's own sentence; the code decides what is offered next to it. A
// failed request about a saved account says which account it was, and the
// alert then stays in view while the list scrolls.

import type { AppError } from '../../../shared/errors';
import { isWorthRetrying } from '../error-offers';
import { savedAccountName } from '../format';
import type {
  AccountAction,
  AccountsAction,
  AccountsState,
  ActionFailure,
} from '../store';
import { useAccounts } from '../store-context';

const ACCOUNT_ACTION_TITLES: Record<AccountAction, string> = {
  switch: "Couldn't switch to",
  refresh: "Couldn't refresh",
  rename: "Couldn't rename",
  remove: "Couldn't remove",
};

/** The alert region; empty (and hidden) while nothing is wrong. */
export function ErrorAlert() {
  const problem = useAccounts((state) => state.status?.problem ?? null);
  const failure = useAccounts((state) => state.failure);
  const signIn = useAccounts((state) => state.signIn);
  const reload = useAccounts((state) => state.reload);
  const dismiss = useAccounts((state) => state.dismissError);
  const switchTo = useAccounts((state) => state.switchTo);
  const retryWindowAction = useAccounts(retryFor(failure?.action ?? null));
  const retry = retryAccountAction(failure, switchTo) ?? retryWindowAction;
  const subject = useAccounts((state) => failureSubject(state, failure));

  // API key errors are shown inside the API key form, next to the field,
  // and a cancelled sign-in gets the quiet status line instead.
  const failed =
    failure !== null &&
    failure.action !== 'api-key' &&
    failure.error.code !== 'sign_in_cancelled'
      ? failure
      : null;
  const signInError =
    signIn.phase === 'failed' && signIn.error.code !== 'sign_in_cancelled'
      ? signIn.error
      : null;
  const errors = distinct([problem, failed?.error ?? null, signInError]);
  const canRetry =
    failed !== null && retry !== null && isWorthRetrying(failed.error.code);
  const canDismiss = failed !== null || signInError !== null;

  return (
    <div
      className={subject !== null ? 'alert alert--sticky' : 'alert'}
      role="alert"
      data-testid="error-alert"
    >
      {errors.length > 0 && (
        <>
          {subject !== null && (
            <p className="alert-subject" data-testid="alert-subject">
              {subject}
            </p>
          )}
          {errors.map((error) => (
            <p
              key={error.code}
              className="alert-message"
              data-code={error.code}
            >
              {error.message}
            </p>
          ))}
          <div className="alert-actions">
            {problem !== null && (
              <button
                type="button"
                className="button button--small"
                onClick={() => void reload()}
              >
                Check again
              </button>
            )}
            {canRetry && (
              <button
                type="button"
                className="button button--small"
                onClick={() => void retry()}
              >
                Try again
              </button>
            )}
            {canDismiss && (
              <button
                type="button"
                className="button button--small button--quiet"
                onClick={dismiss}
              >
                Dismiss
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

// The errors to show, each code once: the same code always reads the same.
function distinct(errors: ReadonlyArray<AppError | null>): AppError[] {
  const shown = new Map<string, AppError>();

  for (const error of errors) {
    if (error !== null && !shown.has(error.code)) {
      shown.set(error.code, error);
    }
  }

  return [...shown.values()];
}

// "Couldn't switch to bob@example.com", for a failed account request.
function failureSubject(
  state: AccountsState,
  failure: ActionFailure | null,
): string | null {
  if (failure?.key === undefined || !isAccountAction(failure.action)) {
    return null;
  }

  const view = state.status?.accounts.find(
    (saved) => saved.key === failure.key,
  );
  const name = view !== undefined ? savedAccountName(view) : 'the account';

  return `${ACCOUNT_ACTION_TITLES[failure.action]} ${name}`;
}

function isAccountAction(action: AccountsAction): action is AccountAction {
  return action in ACCOUNT_ACTION_TITLES;
}

// Of the account requests only a switch is repeated from here: a failed
// refresh is not retried with the same refresh token (D2), and renaming or
// removing is begun again from the row.
function retryAccountAction(
  failure: ActionFailure | null,
  switchTo: AccountsState['switchTo'],
): (() => Promise<unknown>) | null {
  const key = failure?.key;

  if (failure?.action !== 'switch' || key === undefined) {
    return null;
  }

  return () => switchTo(key);
}

// Which action a "Try again" repeats. Starting a sign-in again has its own
// button, and an API key needs the form, so neither is repeated from here.
function retryFor(
  action: AccountsAction | null,
): (state: AccountsState) => (() => Promise<unknown>) | null {
  switch (action) {
    case 'load':
    case 'reload':
      return (state) => state.reload;
    case 'cancel':
      return (state) => state.cancelSignIn;
    case 'sign-out':
      return (state) => state.signOut;
    default:
      return () => null;
  }
}
