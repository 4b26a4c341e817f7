// Keeps keyboard users in place when the element they were on goes away
// (the Sign in button turns into a waiting panel, the card replaces the
// sign-in form). Focus is moved only when it was lost, never taken from
// somewhere the user put it.

import { type RefObject, useEffect } from 'react';

/** Focuses `ref` when `active` becomes true and nothing else has focus. */
export function useFocusWhenLost(
  ref: RefObject<HTMLElement | null>,
  active: boolean,
): void {
  useEffect(() => {
    if (!active) {
      return;
    }

    const focused = document.activeElement;

    if (focused !== null && focused !== document.body) {
      return;
    }

    ref.current?.focus();
  }, [ref, active]);
}
