// Decides whether a tray click or a blur should show or hide the window.
// No Electron import: the clock is passed in, so tests control time.
//
// The race it settles: showing the window from the tray can blur it at once
// (the tray or its menu takes focus back), and a click on the tray while the
// window is open blurs the window before the click arrives. Without a guard
// the first makes the window vanish as it appears, and the second hides it on
// blur and then shows it again on click, so it never closes.

/** How long after an event the other one is taken to be part of it. */
export const TOGGLE_GRACE_MS = 300;

/** What the window code asks before it shows or hides. */
export interface ToggleGuard {
  /** Call right after the window was shown. */
  noteShown(): void;
  /** Call right after a blur hid the window. */
  noteHiddenByBlur(): void;
  /** Whether a blur now should hide the window. */
  shouldHideOnBlur(): boolean;
  /** Whether a tray click now should show the window (else it hides it). */
  shouldShowOnClick(windowVisible: boolean): boolean;
}

/** A guard reading the time from `now` (milliseconds, e.g. Date.now). */
export function createToggleGuard(
  now: () => number,
  graceMs: number = TOGGLE_GRACE_MS,
): ToggleGuard {
  let shownAt = Number.NEGATIVE_INFINITY;
  let hiddenByBlurAt = Number.NEGATIVE_INFINITY;

  return {
    noteShown() {
      shownAt = now();
    },
    noteHiddenByBlur() {
      hiddenByBlurAt = now();
    },
    shouldHideOnBlur() {
      return now() - shownAt >= graceMs;
    },
    shouldShowOnClick(windowVisible) {
      if (windowVisible) {
        return false;
      }

      // The click that just blurred the window meant "close it".
      return now() - hiddenByBlurAt >= graceMs;
    },
  };
}
