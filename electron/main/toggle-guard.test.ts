import { describe, expect, it } from 'vitest';

import { createToggleGuard, TOGGLE_GRACE_MS } from './toggle-guard';

function fakeClock() {
  const clock = { time: 10_000, now: () => clock.time };
  return clock;
}

describe('createToggleGuard', () => {
  it('ignores a blur right after the window was shown', () => {
    const clock = fakeClock();
    const guard = createToggleGuard(clock.now);

    guard.noteShown();
    clock.time += 50;

    expect(guard.shouldHideOnBlur()).toBe(false);
  });

  it('hides on a blur once the grace period is over', () => {
    const clock = fakeClock();
    const guard = createToggleGuard(clock.now);

    guard.noteShown();
    clock.time += TOGGLE_GRACE_MS;

    expect(guard.shouldHideOnBlur()).toBe(true);
  });

  it('hides on blur before the window was ever shown by the guard', () => {
    const guard = createToggleGuard(fakeClock().now);

    expect(guard.shouldHideOnBlur()).toBe(true);
  });

  it('hides an open window on a click', () => {
    const guard = createToggleGuard(fakeClock().now);

    expect(guard.shouldShowOnClick(true)).toBe(false);
  });

  it('shows a closed window on a click', () => {
    const guard = createToggleGuard(fakeClock().now);

    expect(guard.shouldShowOnClick(false)).toBe(true);
  });

  it('keeps the window closed when the click itself caused the blur', () => {
    const clock = fakeClock();
    const guard = createToggleGuard(clock.now);

    guard.noteHiddenByBlur();
    clock.time += 80;

    expect(guard.shouldShowOnClick(false)).toBe(false);
  });

  it('shows the window again on a later click after a blur', () => {
    const clock = fakeClock();
    const guard = createToggleGuard(clock.now);

    guard.noteHiddenByBlur();
    clock.time += TOGGLE_GRACE_MS + 1;

    expect(guard.shouldShowOnClick(false)).toBe(true);
  });

  it('takes its grace period from the caller', () => {
    const clock = fakeClock();
    const guard = createToggleGuard(clock.now, 1000);

    guard.noteShown();
    clock.time += 500;

    expect(guard.shouldHideOnBlur()).toBe(false);
  });
});
