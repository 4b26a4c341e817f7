// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { toAppError } from '../../../shared/errors';
import { createInMemoryBridgeForTests } from '../test/in-memory-bridge';
import { renderAppForTests } from '../test/render-app';
import { signedInStatus, signedOutStatus } from '../test/statuses';

afterEach(cleanup);

describe('the window', () => {
  describe('when nobody is signed in', () => {
    it('offers the ChatGPT sign-in and an API key, and says it is signed out', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());

      await renderAppForTests(bridge);

      expect(
        screen.getByRole('heading', { name: 'Not signed in' }),
      ).toBeTruthy();
      expect(
        screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
      ).toBeTruthy();
      expect(
        screen.getByRole('button', { name: 'Use an API key' }),
      ).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
      expect(screen.getByRole('alert').textContent).toBe('');
    });

    it('puts focus on the sign-in button, so Enter starts it', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());

      await renderAppForTests(bridge);

      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
      );
    });
  });

  describe('the Codex folder in the header', () => {
    it('shows the default folder without a source note', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());

      await renderAppForTests(bridge);

      expect(screen.getByTestId('codex-home').textContent).toBe(
        'Codex folder: /home/user/.codex',
      );
    });

    it('says when the folder comes from CODEX_HOME', async () => {
      const status = signedOutStatus({
        codexHome: { path: '/tmp/codex-home', source: 'env' },
      });
      const bridge = createInMemoryBridgeForTests(status);

      await renderAppForTests(bridge);

      expect(screen.getByTestId('codex-home').textContent).toBe(
        'Codex folder: /tmp/codex-home (from CODEX_HOME)',
      );
    });
  });

  describe('when main reports a change', () => {
    it('shows the account that another program signed in', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      await renderAppForTests(bridge);

      act(() => bridge.emit('auth:status-changed', signedInStatus()));

      expect(screen.getByTestId('account-label').textContent).toBe(
        'alice@example.com',
      );
      expect(
        screen.queryByRole('button', { name: 'Sign in with ChatGPT' }),
      ).toBeNull();
    });

    it('goes back to the sign-in choices when auth.json is removed', async () => {
      const bridge = createInMemoryBridgeForTests(signedInStatus());
      await renderAppForTests(bridge);

      act(() => bridge.emit('auth:status-changed', signedOutStatus()));

      expect(screen.queryByTestId('account-label')).toBeNull();
      expect(
        screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
      ).toBeTruthy();
    });

    it('stops listening once disconnected', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      const { disconnect } = await renderAppForTests(bridge);

      disconnect();

      expect(bridge.listenerCount('auth:status-changed')).toBe(0);
      expect(bridge.listenerCount('auth:sign-in-progress')).toBe(0);
    });
  });

  describe('when auth.json is unusable', () => {
    const problem = toAppError('last_refresh_missing', {
      field: 'last_refresh',
    });

    it('shows what is wrong instead of calling it signed out', async () => {
      const bridge = createInMemoryBridgeForTests(
        signedOutStatus({ state: 'unusable', problem }),
      );

      await renderAppForTests(bridge);

      expect(screen.getByRole('alert').textContent).toContain(
        "auth.json can't be used: last_refresh is empty.",
      );
      expect(
        screen.getByRole('heading', { name: "The sign-in can't be used" }),
      ).toBeTruthy();
      expect(
        screen.queryByRole('heading', { name: 'Not signed in' }),
      ).toBeNull();
    });

    it('reads the file again on "Check again"', async () => {
      const bridge = createInMemoryBridgeForTests(
        signedOutStatus({ state: 'unusable', problem }),
      );
      await renderAppForTests(bridge);
      bridge.handle('auth:reload', () => signedInStatus());

      fireEvent.click(screen.getByRole('button', { name: 'Check again' }));

      expect(await screen.findByTestId('account-label')).toBeTruthy();
      expect(bridge.requestsOn('auth:reload')).toEqual([null]);
      expect(screen.getByRole('alert').textContent).toBe('');
    });
  });

  describe('when the status can not be loaded', () => {
    it('shows the internal error and offers to try again', async () => {
      const bridge = createInMemoryBridgeForTests(signedOutStatus());
      bridge.handle('auth:get-status', () =>
        Promise.reject(new Error('no handler')),
      );

      await renderAppForTests(bridge);

      expect(screen.getByRole('alert').textContent).toContain(
        'Something went wrong inside Codex Accounts.',
      );
      bridge.handle('auth:reload', () => signedOutStatus());
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
      expect(
        await screen.findByRole('heading', { name: 'Not signed in' }),
      ).toBeTruthy();
    });
  });
});
