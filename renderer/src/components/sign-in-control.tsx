// The ChatGPT browser sign-in: the button that starts it ("Sign in with
// ChatGPT" while nobody is signed in, else "Add account", each with a "Use
// it now" choice once there is one to make), the wait for the browser with its time limit and Cancel,
// and one status line that screen readers hear as the sign-in moves on. It
// stays mounted when the view around it changes, so "Signed in." is still
// heard after the switch.

import { useId, useRef, useState } from 'react';

import type { SignInProgress } from '../../../shared/account';
import { asSentence } from '../../../shared/text';
import { formatTimeLeft } from '../format';
import { isSignInRunning } from '../store';
import { useAccounts } from '../store-context';
import { useFocusWhenLost } from '../use-focus-when-lost';
import { useNow } from '../use-now';

type Waiting = Extract<SignInProgress, { phase: 'waiting' }>;

/** Which start button to offer, if any. */
export type SignInOffer = 'sign-in' | 'add' | 'none';

const STATUS_LINES: Record<SignInProgress['phase'], string> = {
  idle: '',
  waiting: 'Finish signing in in your browser.',
  completing: 'Finishing the sign-in…',
  succeeded: 'Signed in.',
  cancelled: 'Sign-in cancelled. Nothing was changed.',
  // The error itself is read out by the alert region.
  failed: '',
};

const ADDED_FOR_LATER = 'Account added. Codex keeps the account it uses now.';

const USE_NOW_HINTS = {
  on: 'Codex on this computer switches to it as soon as you sign in.',
  off: 'It is saved for later; Codex keeps the account it uses now.',
};

/**
 * The sign-in flow. `offer` chooses the start button; `signedIn` says
 * whether Codex has an account now, which decides "Use it now" at first.
 */
export function SignInControl(props: {
  offer: SignInOffer;
  signedIn: boolean;
  hasSaved: boolean;
}) {
  const signIn = useAccounts((state) => state.signIn);
  const savedForLater = useAccounts(
    (state) => state.signInMakesActive === false,
  );
  const running = isSignInRunning(signIn);
  const showStart = props.offer !== 'none' && !running;

  return (
    <div className={running ? 'sign-in sign-in--running' : 'sign-in'}>
      {showStart && (
        // Remounted when Codex is signed in or out, so "Use it now" starts
        // from the default for the new situation.
        <StartSignIn
          key={props.offer}
          adding={props.offer === 'add'}
          offerChoice={props.offer === 'add' || props.hasSaved}
        />
      )}
      <p
        className={`sign-in-status sign-in-status--${signIn.phase}`}
        role="status"
        data-testid="sign-in-status"
      >
        {signIn.phase === 'completing' && (
          <span className="spinner" aria-hidden="true" />
        )}
        {statusLine(signIn, props.signedIn, savedForLater)}
      </p>
      {signIn.phase === 'waiting' && <WaitingForBrowser progress={signIn} />}
    </div>
  );
}

// "Sign in with ChatGPT" while nobody is signed in, "Add account" next to
// an account in use. H2: either way main signs in apart from the live
// auth.json and saves the account; it goes into auth.json only with "Use
// it now", which is offered once there is a choice to make and is checked
// at first only when nobody is signed in. The very first account is
// always made active.
function StartSignIn(props: { adding: boolean; offerChoice: boolean }) {
  const [useNowChecked, setUseNowChecked] = useState(!props.adding);
  const starting = useAccounts((state) => state.pending.includes('sign-in'));
  const start = useAccounts((state) => state.signInWithChatGPT);
  const startRef = useRef<HTMLButtonElement>(null);
  const checkboxId = useId();
  const hintId = useId();
  const makeActive = props.offerChoice ? useNowChecked : true;
  // C3: forced_login_method in config.toml can turn the ChatGPT sign-in off.
  const blocked = useAccounts(
    (state) => state.status?.environment.chatgptBlocked ?? null,
  );
  const blockedId = useId();
  const describedBy = [
    ...(blocked !== null ? [blockedId] : []),
    ...(props.offerChoice ? [hintId] : []),
  ].join(' ');

  useFocusWhenLost(startRef, true);

  return (
    <div className="add-account">
      <div className="add-account-row">
        <button
          ref={startRef}
          type="button"
          className={
            props.adding ? 'button' : 'button button--primary button--wide'
          }
          aria-disabled={starting || blocked !== null}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onClick={() => {
            if (blocked === null) {
              void start({ makeActive });
            }
          }}
        >
          {props.adding && (
            <span aria-hidden="true" className="plus">
              +
            </span>
          )}
          {props.adding ? 'Add account' : 'Sign in with ChatGPT'}
        </button>
        {props.offerChoice && (
          <span className="checkbox">
            <input
              id={checkboxId}
              type="checkbox"
              checked={useNowChecked}
              aria-describedby={hintId}
              onChange={(event) => setUseNowChecked(event.target.checked)}
            />
            <label htmlFor={checkboxId}>Use it now</label>
          </span>
        )}
      </div>
      {blocked !== null && (
        <p id={blockedId} className="hint hint--warning">
          Signing in with ChatGPT is turned off here: {asSentence(blocked)}
        </p>
      )}
      {props.offerChoice && (
        <p id={hintId} className="hint">
          {useNowChecked ? USE_NOW_HINTS.on : USE_NOW_HINTS.off}
        </p>
      )}
    </div>
  );
}

function WaitingForBrowser(props: { progress: Waiting }) {
  const now = useNow(1000);
  const cancel = useAccounts((state) => state.cancelSignIn);
  const cancelling = useAccounts((state) => state.pending.includes('cancel'));
  // Asking for the sign-in again while one waits reopens the browser on the
  // same sign-in, for when its tab was closed; main never starts a second.
  const reopen = useAccounts((state) => state.signInWithChatGPT);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useFocusWhenLost(cancelRef, true);

  return (
    <div className="waiting">
      <div className="waiting-detail">
        <p>
          {/* A timer is not announced every second; it can be read on demand. */}
          <span role="timer" aria-live="off" data-testid="sign-in-time-left">
            {formatTimeLeft(props.progress.expiresAt, now)} left
          </span>
          <span className="muted"> · port {props.progress.port}</span>
        </p>
        <button
          type="button"
          className="button button--link"
          onClick={() => void reopen()}
        >
          Open the browser again
        </button>
      </div>
      <button
        ref={cancelRef}
        type="button"
        className="button"
        aria-disabled={cancelling}
        onClick={() => void cancel()}
      >
        Cancel
      </button>
    </div>
  );
}

// `savedForLater`: the account was added without making it active.
function statusLine(
  signIn: SignInProgress,
  signedIn: boolean,
  savedForLater: boolean,
): string {
  if (signIn.phase === 'failed' && signIn.error.code === 'sign_in_cancelled') {
    return STATUS_LINES.cancelled;
  }

  if (signIn.phase === 'succeeded') {
    // Once Codex is signed out again, "Signed in." would be out of date.
    if (savedForLater) {
      return ADDED_FOR_LATER;
    }

    return signedIn ? STATUS_LINES.succeeded : '';
  }

  return STATUS_LINES[signIn.phase];
}
