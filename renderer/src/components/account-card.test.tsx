// @vitest-environment jsdom
import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { freezeClockForTests, restoreClockForTests } from '../test/clock';
import { createInMemoryBridgeForTests } from '../test/in-memory-bridge';
import { renderAppForTests } from '../test/render-app';
import {
  accountsStatus,
  active,
  ALICE,
  BOB,
  CAROL,
  signedInStatus,
} from '../test/statuses';

beforeEach(freezeClockForTests);
afterEach(() => {
  cleanup();
  restoreClockForTests();
});

function shown() {
  return {
    label: screen.getByTestId('account-label').textContent,
    plan: screen.queryByTestId('plan-badge')?.textContent ?? null,
    kind: screen.queryByTestId('account-kind')?.textContent ?? null,
    mode: screen.getByTestId('account-mode').textContent,
  };
}

describe('the account card', () => {
  it('shows who is signed in, the plan, the workspace kind and the mode', async () => {
    const bridge = createInMemoryBridgeForTests(signedInStatus());

    await renderAppForTests(bridge);

    expect(shown()).toEqual({
      label: 'alice@example.com',
      plan: 'Plus',
      kind: 'Personal · ws-pers',
      mode: 'ChatGPT',
    });
    expect(screen.getByText('A', { selector: '.avatar' })).toBeTruthy();
  });

  it('shows when the access token expires and when the plan was read', async () => {
    const bridge = createInMemoryBridgeForTests(signedInStatus());

    await renderAppForTests(bridge);

    expect(screen.getByTestId('account-expiry').textContent).toBe(
      'expires in 3 days',
    );
    expect(screen.getByTestId('read-at').textContent).toBe(
      'Plan read 5 minutes ago',
    );
  });

  it('calls a team plan a workspace', async () => {
    const bridge = createInMemoryBridgeForTests(
      signedInStatus({
        email: 'bob@example.com',
        label: 'bob@example.com',
        plan: { id: 'team', raw: 'team', name: 'Team', isWorkspace: true },
        shortWorkspaceId: 'ws-team',
      }),
    );

    await renderAppForTests(bridge);

    expect(shown()).toEqual({
      label: 'bob@example.com',
      plan: 'Team',
      kind: 'Workspace · ws-team',
      mode: 'ChatGPT',
    });
  });

  it('shows an unknown plan by its raw name', async () => {
    const plan = {
      id: null,
      raw: 'galaxy',
      name: 'galaxy',
      isWorkspace: false,
    };
    const bridge = createInMemoryBridgeForTests(signedInStatus({ plan }));

    await renderAppForTests(bridge);

    expect(shown().plan).toBe('galaxy');
  });

  it('labels an account without an email by plan and workspace', async () => {
    const bridge = createInMemoryBridgeForTests(
      signedInStatus({ email: null, label: 'Plus · ws-pers' }),
    );

    await renderAppForTests(bridge);

    expect(shown().label).toBe('Plus · ws-pers');
    expect(screen.getByText('P', { selector: '.avatar' })).toBeTruthy();
  });

  it('says that Codex uses the API key of a legacy file', async () => {
    const bridge = createInMemoryBridgeForTests(
      signedInStatus({
        mode: 'apikey',
        modeReason: 'legacy_api_key',
        apiKeyMask: 'sk-proj-***ABCDE',
      }),
    );

    await renderAppForTests(bridge);

    expect(shown().mode).toBe('API key · sk-proj-***ABCDE');
    expect(screen.getByTestId('legacy-api-key-note').textContent).toBe(
      'Codex will use the API key in this file, not the ChatGPT sign-in.',
    );
  });

  it('has no legacy note for an ordinary sign-in', async () => {
    const bridge = createInMemoryBridgeForTests(signedInStatus());

    await renderAppForTests(bridge);

    expect(screen.queryByTestId('legacy-api-key-note')).toBeNull();
    expect(screen.queryByTestId('cannot-renew-note')).toBeNull();
  });

  it('warns when a ChatGPT sign-in has no refresh token', async () => {
    const bridge = createInMemoryBridgeForTests(
      signedInStatus({ canRefresh: false }),
    );

    await renderAppForTests(bridge);

    expect(screen.getByTestId('cannot-renew-note').textContent).toBe(
      "Can't be renewed: sign in again when it expires.",
    );
  });

  it('says an expired token that can be renewed is renewed by Codex', async () => {
    const bridge = createInMemoryBridgeForTests(
      signedInStatus({ accessTokenExpiresAt: '2030-01-01T10:05:00.000Z' }),
    );

    await renderAppForTests(bridge);

    expect(screen.getByTestId('account-expiry').textContent).toBe(
      'expired 2 hours ago; Codex renews it when it next runs',
    );
  });

  it('reads auth.json again on "Refresh account info"', async () => {
    const bridge = createInMemoryBridgeForTests(signedInStatus());
    await renderAppForTests(bridge);
    const pro = { id: 'pro', raw: 'pro', name: 'Pro', isWorkspace: false };
    bridge.handle('auth:reload', () => signedInStatus({ plan: pro }));

    fireEvent.click(
      screen.getByRole('button', { name: 'Refresh account info' }),
    );

    await waitFor(() => expect(shown().plan).toBe('Pro'));
    expect(bridge.requestsOn('auth:reload')).toEqual([null]);
  });

  it('renews the active saved account on "Refresh account info"', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE), BOB]),
    );
    await renderAppForTests(bridge);

    fireEvent.click(
      within(
        screen.getByRole('region', { name: 'alice@example.com' }),
      ).getByRole('button', { name: 'Refresh account info' }),
    );

    await waitFor(() =>
      expect(bridge.requestsOn('accounts:refresh')).toEqual([
        { key: ALICE.key },
      ]),
    );
    expect(bridge.requestsOn('auth:reload')).toEqual([]);
  });

  it('calls the active account by the name the user gave it', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([{ ...active(ALICE), label: 'Home' }]),
    );

    await renderAppForTests(bridge);

    expect(screen.getByTestId('account-label').textContent).toBe('Home');
    expect(
      within(screen.getByRole('region', { name: 'Home' })).getByText(
        'alice@example.com',
      ),
    ).toBeTruthy();
  });

  describe('whether the sign-in works', () => {
    it('says it works while the access token is valid', async () => {
      const bridge = createInMemoryBridgeForTests(signedInStatus());

      await renderAppForTests(bridge);

      expect(screen.getByTestId('account-health').textContent).toBe(
        'Works now',
      );
    });

    it('says to sign in again once main found the refresh dead', async () => {
      const bridge = createInMemoryBridgeForTests(
        accountsStatus([active(CAROL)]),
      );

      await renderAppForTests(bridge);

      expect(screen.getByTestId('account-health').textContent).toBe(
        'Sign in again needed',
      );
      expect(screen.getByTestId('sign-in-ended-note').textContent).toContain(
        'sign in as carol@example.com again',
      );
    });

    it('says to sign in again when the token expired with nothing to renew it', async () => {
      const bridge = createInMemoryBridgeForTests(
        signedInStatus({
          canRefresh: false,
          accessTokenExpiresAt: '2030-01-01T10:05:00.000Z',
        }),
      );

      await renderAppForTests(bridge);

      expect(screen.getByTestId('account-health').textContent).toBe(
        'Sign in again needed',
      );
    });

    it('is not asked of an API key', async () => {
      const bridge = createInMemoryBridgeForTests(
        signedInStatus({
          mode: 'apikey',
          accessTokenExpiresAt: null,
          apiKeyMask: 'sk-proj-***ABCDE',
        }),
      );

      await renderAppForTests(bridge);

      expect(screen.queryByTestId('account-health')).toBeNull();
    });
  });
});
