// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { toAppError } from '../../../shared/errors';
import { createInMemoryBridgeForTests } from '../test/in-memory-bridge';
import { renderAppForTests } from '../test/render-app';
import { signedInStatus } from '../test/statuses';

const QUESTION =
  'Remove this sign-in from this computer? Codex on this computer will be ' +
  'signed out. Nothing is revoked.';

afterEach(cleanup);

async function askToSignOut() {
  const bridge = createInMemoryBridgeForTests(signedInStatus());
  await renderAppForTests(bridge);

  fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

  return bridge;
}

describe('signing out', () => {
  it('asks first, with the safe choice focused, and sends nothing yet', async () => {
    const bridge = await askToSignOut();

    expect(screen.getByRole('group', { name: QUESTION })).toBeTruthy();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Keep' }),
    );
    expect(bridge.requestsOn('auth:sign-out')).toEqual([]);
  });

  it('keeps the sign-in on "Keep" and returns focus to Sign out', async () => {
    const bridge = await askToSignOut();

    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));

    expect(screen.queryByText(QUESTION)).toBeNull();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Sign out' }),
    );
    expect(bridge.requestsOn('auth:sign-out')).toEqual([]);
  });

  it('keeps the sign-in on Escape', async () => {
    await askToSignOut();

    fireEvent.keyDown(screen.getByRole('button', { name: 'Keep' }), {
      key: 'Escape',
    });

    expect(screen.queryByText(QUESTION)).toBeNull();
    expect(screen.getByTestId('account-label')).toBeTruthy();
  });

  it('signs out through auth:sign-out once confirmed', async () => {
    const bridge = await askToSignOut();

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(
      await screen.findByRole('heading', { name: 'Not signed in' }),
    ).toBeTruthy();
    expect(bridge.requestsOn('auth:sign-out')).toEqual([null]);
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Sign in with ChatGPT' }),
    );
  });

  it('stays signed in and shows why when the file can not be removed', async () => {
    const bridge = await askToSignOut();
    const failed = toAppError('auth_write_failed', {
      reason: 'permission denied',
    });
    bridge.handle('auth:sign-out', () => ({ ok: false, error: failed }));

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(failed.message),
    );
    expect(screen.getByTestId('account-label')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Sign out' }),
      ),
    );
  });
});
