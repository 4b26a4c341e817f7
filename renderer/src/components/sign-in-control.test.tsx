// @vitest-environment jsdom
import {
  act,
  cleanup,
  fireEvent,
  screen,
  waitFor,
} from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { toAppError } from '../../../shared/errors';
import { freezeClockForTests, NOW, restoreClockForTests } from '../test/clock';
import { createInMemoryBridgeForTests } from '../test/in-memory-bridge';
import { renderAppForTests } from '../test/render-app';
import { signedInStatus, signedOutStatus } from '../test/statuses';

const WAITING = {
  phase: 'waiting',
  port: 1455,
  expiresAt: new Date(NOW + 10 * 60_000).toISOString(),
} as const;

beforeEach(freezeClockForTests);
afterEach(() => {
  cleanup();
  restoreClockForTests();
});

describe('the ChatGPT sign-in', () => {
  it('asks main to start it and to make the first account active', async () => {
    const bridge = createInMemoryBridgeForTests(signedOutStatus());
    await renderAppForTests(bridge);

    fireEvent.click(
      screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
    );

    await waitFor(() =>
      expect(bridge.requestsOn('auth:sign-in-chatgpt')).toEqual([
        { makeActive: true },
      ]),
    );
  });

  describe('while waiting for the browser', () => {
    it('says to finish in the browser and shows the time left', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      await renderAppForTests(bridge);

      act(() => bridge.emit('auth:sign-in-progress', WAITING));

      expect(screen.getByRole('status').textContent).toBe(
        'Finish signing in in your browser.',
      );
      expect(screen.getByRole('timer').textContent).toBe('10:00 left');
      expect(
        screen.queryByRole('button', { name: 'Sign in with ChatGPT' }),
      ).toBeNull();
      expect(
        screen.queryByRole('button', { name: 'Use an API key' }),
      ).toBeNull();
    });

    it('moves focus from the vanished sign-in button to Cancel', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      await renderAppForTests(bridge);
      screen.getByRole('button', { name: 'Sign in with ChatGPT' }).focus();

      act(() => bridge.emit('auth:sign-in-progress', WAITING));

      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Cancel' }),
      );
    });

    it('asks main again to reopen the browser, without a second listener', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      await renderAppForTests(bridge);
      act(() => bridge.emit('auth:sign-in-progress', WAITING));

      fireEvent.click(
        screen.getByRole('button', { name: 'Open the browser again' }),
      );

      await waitFor(() =>
        expect(bridge.requestsOn('auth:sign-in-chatgpt')).toEqual([null]),
      );
      expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    });

    it('cancels through auth:cancel-sign-in', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      bridge.handle('auth:cancel-sign-in', () => {
        bridge.emit('auth:sign-in-progress', { phase: 'cancelled' });
        return { ok: true, value: null };
      });
      await renderAppForTests(bridge);
      act(() => bridge.emit('auth:sign-in-progress', WAITING));

      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

      await waitFor(() =>
        expect(screen.getByRole('status').textContent).toBe(
          'Sign-in cancelled. Nothing was changed.',
        ),
      );
      expect(bridge.requestsOn('auth:cancel-sign-in')).toEqual([null]);
      expect(bridge.requestsOn('auth:sign-in-chatgpt')).toEqual([]);
      expect(screen.getByRole('alert').textContent).toBe('');
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
      );
    });
  });

  it('shows progress text while completing', async () => {
    const bridge = createInMemoryBridgeForTests(signedOutStatus());
    await renderAppForTests(bridge);

    act(() => bridge.emit('auth:sign-in-progress', { phase: 'completing' }));

    expect(screen.getByRole('status').textContent).toBe(
      'Finishing the sign-in…',
    );
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('shows the account and says "Signed in." when it succeeds', async () => {
    const bridge = createInMemoryBridgeForTests(signedOutStatus());
    await renderAppForTests(bridge);
    act(() => bridge.emit('auth:sign-in-progress', WAITING));
    const statusLine = screen.getByRole('status');

    act(() =>
      bridge.emit(
        'auth:status-changed',
        signedInStatus({}, { signIn: { phase: 'succeeded' } }),
      ),
    );

    expect(screen.getByTestId('account-label').textContent).toBe(
      'alice@example.com',
    );
    // The same live region, so screen readers hear the change.
    expect(screen.getByRole('status')).toBe(statusLine);
    expect(statusLine.textContent).toBe('Signed in.');
  });

  describe('when it fails', () => {
    it('shows the error main returned for the request', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      const busy = toAppError('port_busy', { ports: '1455 and 1457' });
      bridge.handle('auth:sign-in-chatgpt', () => ({ ok: false, error: busy }));
      await renderAppForTests(bridge);

      fireEvent.click(
        screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
      );

      await waitFor(() =>
        expect(screen.getByRole('alert').textContent).toContain(busy.message),
      );
      expect(
        screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
      ).toBeTruthy();
    });

    it('shows an error once when both the request and the event report it', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      const busy = toAppError('port_busy', { ports: '1455 and 1457' });
      bridge.handle('auth:sign-in-chatgpt', () => {
        bridge.emit('auth:sign-in-progress', { phase: 'failed', error: busy });
        return { ok: false, error: busy };
      });
      await renderAppForTests(bridge);

      fireEvent.click(
        screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
      );

      await waitFor(() =>
        expect(screen.getByRole('alert').textContent).toContain(busy.message),
      );
      expect(screen.getAllByText(busy.message)).toHaveLength(1);
    });

    it('shows the error of a failed sign-in event until dismissed', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      const timedOut = toAppError('sign_in_timed_out');
      await renderAppForTests(bridge);

      act(() =>
        bridge.emit('auth:sign-in-progress', {
          phase: 'failed',
          error: timedOut,
        }),
      );
      expect(screen.getByRole('alert').textContent).toContain(timedOut.message);
      fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));

      expect(screen.getByRole('alert').textContent).toBe('');
    });

    it('keeps a cancelled sign-in out of the alert when the request reports it', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      bridge.handle('auth:sign-in-chatgpt', () => ({
        ok: false,
        error: toAppError('sign_in_cancelled'),
      }));
      const { store } = await renderAppForTests(bridge);

      fireEvent.click(
        screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
      );

      await waitFor(() => expect(store.getState().failure).not.toBeNull());
      expect(screen.getByRole('alert').textContent).toBe('');
    });

    it('treats a cancelled failure as a quiet line, not an alert', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      await renderAppForTests(bridge);

      act(() =>
        bridge.emit('auth:sign-in-progress', {
          phase: 'failed',
          error: toAppError('sign_in_cancelled'),
        }),
      );

      expect(screen.getByRole('alert').textContent).toBe('');
      expect(screen.getByRole('status').textContent).toBe(
        'Sign-in cancelled. Nothing was changed.',
      );
    });
  });
});
