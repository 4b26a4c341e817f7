import { describe, expect, it } from 'vitest';

import { authText, chatgptAuth } from '../../e2e/support/auth-fixtures';
import { QUIET_ENVIRONMENT } from '../../e2e/support/temp-home';
import type { AuthStatus, SavedAccountView } from '../../shared/account';
import { parseAuthJson, summarizeAuth } from '../auth/auth-file';
import { createSignInAlerts } from './sign-in-alerts';

const summary = summarizeAuth(parseAuthJson(authText(chatgptAuth())));

function status(state: AuthStatus['state'], needsSignIn = false): AuthStatus {
  const view: SavedAccountView = {
    key: 'chatgpt:ws-personal-alice:user-alice',
    label: null,
    summary,
    isActive: state === 'signed_in',
    blockedReason: null,
    needsSignIn,
  };
  return {
    revision: 1,
    codexHome: { path: '/home/u/.codex', source: 'default' },
    state,
    account: state === 'signed_in' ? summary : null,
    problem:
      state === 'unusable'
        ? {
            code: 'last_refresh_missing',
            message: "auth.json can't be used: last_refresh is empty.",
          }
        : null,
    readAt: '2026-12-03T00:00:00.000Z',
    signIn: { phase: 'idle' },
    accounts: [view],
    storage: { encrypted: true, weak: false },
    lastSwitch: null,
    environment: QUIET_ENVIRONMENT,
  };
}

const event = (s: AuthStatus, cause: 'app' | 'outside' = 'outside') =>
  ({ type: 'status', status: s, accountChanged: false, cause }) as const;

describe('sign-in alerts', () => {
  it('say once that the active account must sign in again', () => {
    const alerts = createSignInAlerts();

    const shown = [
      alerts(event(status('signed_in'))),
      alerts(event(status('signed_in', true))),
      alerts(event(status('signed_in', true))),
    ];

    expect(shown.map((alert) => alert?.title ?? null)).toEqual([
      null,
      'Sign in to Codex again',
      null,
    ]);
    expect(shown[1]?.body).toContain('alice@example.com');
  });

  it('say when another program signed Codex out, not when this app did', () => {
    const outside = createSignInAlerts();
    const ours = createSignInAlerts();

    outside(event(status('signed_in')));
    ours(event(status('signed_in')));

    expect(outside(event(status('signed_out')))?.title).toBe(
      'Codex was signed out',
    );
    expect(ours(event(status('signed_out'), 'app'))).toBeNull();
  });

  it('announce a new episode after the sign-in recovered', () => {
    const alerts = createSignInAlerts();
    alerts(event(status('signed_in')));
    alerts(event(status('unusable')));

    alerts(event(status('signed_in')));
    const again = alerts(event(status('unusable')));

    expect(again?.title).toBe("Codex's sign-in can't be used");
    expect(again?.body).toContain('last_refresh is empty');
  });
});
