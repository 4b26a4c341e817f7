// @vitest-environment jsdom
import {
  act,
  cleanup,
  fireEvent,
  screen,
  waitFor,
} from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { freezeClockForTests, NOW, restoreClockForTests } from '../test/clock';
import { createInMemoryBridgeForTests } from '../test/in-memory-bridge';
import { renderAppForTests } from '../test/render-app';
import { accountsStatus, active, ALICE, BOB } from '../test/statuses';

beforeEach(freezeClockForTests);
afterEach(() => {
  cleanup();
  restoreClockForTests();
});

function useItNow(): HTMLInputElement {
  return screen.getByRole<HTMLInputElement>('checkbox', { name: 'Use it now' });
}

describe('adding an account', () => {
  it('keeps the current account by default while one is signed in', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE)]),
    );
    await renderAppForTests(bridge);

    expect(useItNow().checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

    await waitFor(() =>
      expect(bridge.requestsOn('auth:sign-in-chatgpt')).toEqual([
        { makeActive: false },
      ]),
    );
    expect(
      screen.queryByRole('button', { name: 'Sign in with ChatGPT' }),
    ).toBeNull();
  });

  it('uses the new account at once when asked to', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE)]),
    );
    await renderAppForTests(bridge);

    fireEvent.click(useItNow());
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

    await waitFor(() =>
      expect(bridge.requestsOn('auth:sign-in-chatgpt')).toEqual([
        { makeActive: true },
      ]),
    );
  });

  it('uses it now by default when nobody is signed in', async () => {
    const bridge = createInMemoryBridgeForTests(accountsStatus([ALICE, BOB]));
    await renderAppForTests(bridge);

    expect(useItNow().checked).toBe(true);
    expect(screen.getByRole('heading', { name: 'Not signed in' })).toBeTruthy();
    fireEvent.click(
      screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
    );

    await waitFor(() =>
      expect(bridge.requestsOn('auth:sign-in-chatgpt')).toEqual([
        { makeActive: true },
      ]),
    );
  });

  it('goes back to the default when Codex is signed out meanwhile', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE), BOB]),
    );
    await renderAppForTests(bridge);
    expect(useItNow().checked).toBe(false);

    act(() => bridge.emit('auth:status-changed', accountsStatus([ALICE, BOB])));

    expect(useItNow().checked).toBe(true);
  });

  it('says what "Use it now" does', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE)]),
    );
    await renderAppForTests(bridge);
    const hint = () =>
      document.getElementById(useItNow().getAttribute('aria-describedby') ?? '')
        ?.textContent;

    expect(hint()).toBe(
      'It is saved for later; Codex keeps the account it uses now.',
    );
    fireEvent.click(useItNow());
    expect(hint()).toBe(
      'Codex on this computer switches to it as soon as you sign in.',
    );
  });

  it('shows the same wait, with Cancel, as the first sign-in', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE)]),
    );
    await renderAppForTests(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

    act(() =>
      bridge.emit('auth:sign-in-progress', {
        phase: 'waiting',
        port: 1455,
        expiresAt: new Date(NOW + 10 * 60_000).toISOString(),
      }),
    );

    expect(screen.getByRole('status').textContent).toBe(
      'Finish signing in in your browser.',
    );
    expect(screen.queryByRole('button', { name: 'Add account' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(bridge.requestsOn('auth:cancel-sign-in')).toEqual([null]),
    );
  });

  it('says the account was added, not signed in, when it was saved for later', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE)]),
    );
    await renderAppForTests(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    await waitFor(() =>
      expect(bridge.requestsOn('auth:sign-in-chatgpt')).toHaveLength(1),
    );

    act(() =>
      bridge.emit(
        'auth:status-changed',
        accountsStatus([active(ALICE), BOB], {
          signIn: { phase: 'succeeded' },
        }),
      ),
    );

    expect(screen.getByRole('status').textContent).toBe(
      'Account added. Codex keeps the account it uses now.',
    );
    expect(screen.getByTestId('account-label').textContent).toBe(
      'alice@example.com',
    );
  });

  it('stops saying "Signed in." once Codex is signed out', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE)], { signIn: { phase: 'succeeded' } }),
    );
    await renderAppForTests(bridge);
    expect(screen.getByRole('status').textContent).toBe('Signed in.');

    act(() =>
      bridge.emit(
        'auth:status-changed',
        accountsStatus([ALICE], { signIn: { phase: 'succeeded' } }),
      ),
    );

    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('makes the very first account active, with no choice to make', async () => {
    const bridge = createInMemoryBridgeForTests(accountsStatus([]));
    await renderAppForTests(bridge);

    expect(screen.queryByRole('checkbox', { name: 'Use it now' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add account' })).toBeNull();
    expect(screen.queryByTestId('account-list')).toBeNull();
    fireEvent.click(
      screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
    );

    await waitFor(() =>
      expect(bridge.requestsOn('auth:sign-in-chatgpt')).toEqual([
        { makeActive: true },
      ]),
    );
  });
});
