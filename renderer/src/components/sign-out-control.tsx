// "Sign out", confirmed inline. It deletes auth.json on this computer only;
// nothing is revoked, so other computers stay signed in.

import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

import { useAccounts } from '../store-context';

const SIGN_OUT_QUESTION =
  'Remove this sign-in from this computer? Codex on this computer will be ' +
  'signed out. Nothing is revoked.';

/** The Sign out button and its confirmation. */
export function SignOutControl() {
  const [confirming, setConfirming] = useState(false);
  const signOut = useAccounts((state) => state.signOut);
  const signingOut = useAccounts((state) => state.pending.includes('sign-out'));
  const triggerRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const questionId = useId();

  useEffect(() => {
    // The safe choice gets focus, and focus goes back where it came from.
    if (confirming) {
      keepRef.current?.focus();
      return;
    }

    if (returnFocus.current) {
      returnFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [confirming]);

  function keep(): void {
    returnFocus.current = true;
    setConfirming(false);
  }

  async function confirm(): Promise<void> {
    // On success the signed-out view replaces this control.
    const signedOut = await signOut();

    if (!signedOut) {
      keep();
    }
  }

  function keepOnEscape(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape') {
      return;
    }

    event.preventDefault();
    keep();
  }

  if (!confirming) {
    return (
      <div className="sign-out">
        <button
          ref={triggerRef}
          type="button"
          className="button"
          onClick={() => setConfirming(true)}
        >
          Sign out
        </button>
      </div>
    );
  }

  return (
    <div
      className="confirm"
      role="group"
      aria-labelledby={questionId}
      onKeyDown={keepOnEscape}
    >
      <p id={questionId}>{SIGN_OUT_QUESTION}</p>
      <div className="confirm-actions">
        <button
          type="button"
          className="button button--danger"
          aria-disabled={signingOut}
          onClick={() => void confirm()}
        >
          Sign out
        </button>
        <button ref={keepRef} type="button" className="button" onClick={keep}>
          Keep
        </button>
      </div>
    </div>
  );
}
