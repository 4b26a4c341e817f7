import { describe, expect, it } from 'vitest';

import type { SavedAccountView } from './account';
import { sameAccountView } from './same-view';

const VIEW: SavedAccountView = {
  key: 'chatgpt:ws-team-acme:user-alice',
  label: null,
  summary: {
    mode: 'chatgpt',
    modeReason: 'auth_mode_field',
    email: 'alice@example.com',
    label: 'alice@example.com',
    plan: { id: 'team', raw: 'team', name: 'Team', isWorkspace: true },
    workspaceId: 'ws-team-acme',
    shortWorkspaceId: 'ws-team',
    userId: 'user-alice',
    accessTokenExpiresAt: '2030-01-04T12:00:00.000Z',
    lastRefresh: '2029-12-31T12:00:00.000Z',
    canRefresh: true,
    apiKeyMask: null,
  },
  isActive: false,
  blockedReason: null,
  needsSignIn: false,
};

describe('sameAccountView', () => {
  it('finds a fresh copy of the same view the same', () => {
    expect(sameAccountView(VIEW, structuredClone(VIEW))).toBe(true);
  });

  it.each<[string, (view: SavedAccountView) => void]>([
    ['a name of the user', (view) => (view.label = 'Work')],
    ['the active mark', (view) => (view.isActive = true)],
    ['a policy reason', (view) => (view.blockedReason = 'forced.')],
    ['an ended sign-in', (view) => (view.needsSignIn = true)],
    ['a new email', (view) => (view.summary.email = 'a@example.com')],
    ['a renewed token', (view) => (view.summary.lastRefresh = 'later')],
    ['no plan', (view) => (view.summary.plan = null)],
    [
      'another plan',
      (view) => view.summary.plan && (view.summary.plan.raw = 'pro'),
    ],
  ])('tells a change of %s', (_name, change) => {
    const changed = structuredClone(VIEW);
    change(changed);

    expect(sameAccountView(VIEW, changed)).toBe(false);
  });

  it('has nothing to compare with a view that is not there', () => {
    expect(sameAccountView(VIEW, undefined)).toBe(false);
  });
});
