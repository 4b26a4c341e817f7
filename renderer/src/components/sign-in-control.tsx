// The ChatGPT browser sign-in: the button that starts it, the wait for the
// browser with its time limit and Cancel, and one status line that screen
// readers hear as the sign-in moves on. It stays mounted when the view
// around it changes, so "Signed in." is still heard after the switch.

import { useRef } from 'react';

import type { SignInProgress } from '../../../shared/account';
import { formatTimeLeft } from '../format';
import { isSignInRunning } from '../store';
import { useAccounts } from '../store-context';
import { useFocusWhenLost } from '../use-focus-when-lost';
import { useNow } from '../use-now';

type Waiting = Extract<SignInProgress, { phase: 'waiting' }>;

const STATUS_LINES: Record<SignInProgress['phase'], string> = {
  idle: '',
  waiting: 'Finish signing in in your browser.',
  completing: 'Finishing the sign-in…',
  succeeded: 'Signed in.',
  cancelled: 'Sign-in cancelled. Nothing was changed.',
  // The error itself is read out by the alert region.
  failed: '',
};

/** The sign-in flow; `canStart` offers the button that begins one. */
export function SignInControl(props: { canStart: boolean }) {
  const signIn = useAccounts((state) => state.signIn);
  const starting = useAccounts((state) => state.pending.includes('sign-in'));
  const start = useAccounts((state) => state.signInWithChatGPT);
  const startRef = useRef<HTMLButtonElement>(null);
  const running = isSignInRunning(signIn);
  const showStart = props.canStart && !running;

  useFocusWhenLost(startRef, showStart);

  return (
    <div className={running ? 'sign-in sign-in--running' : 'sign-in'}>
      {showStart && (
        <button
          ref={startRef}
          type="button"
          className="button button--primary button--wide"
          aria-disabled={starting}
          onClick={() => void start()}
        >
          Sign in with ChatGPT
        </button>
      )}
      <p
        className={`sign-in-status sign-in-status--${signIn.phase}`}
        role="status"
        data-testid="sign-in-status"
      >
        {signIn.phase === 'completing' && (
          <span className="spinner" aria-hidden="true" />
        )}
        {statusLine(signIn)}
      </p>
      {signIn.phase === 'waiting' && <WaitingForBrowser progress={signIn} />}
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

function statusLine(signIn: SignInProgress): string {
  if (signIn.phase === 'failed' && signIn.error.code === 'sign_in_cancelled') {
    return STATUS_LINES.cancelled;
  }

  return STATUS_LINES[signIn.phase];
}
