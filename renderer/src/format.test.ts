import { describe, expect, it } from 'vitest';

import {
  accountInitials,
  accountKind,
  accountMode,
  describeProcess,
  formatExpiry,
  formatPastTime,
  formatRelativeTime,
  formatTimeLeft,
  savedAccountName,
  signInHealth,
} from './format';
import { BOB, chatgptAccount } from './test/statuses';

const NOW = Date.parse('2030-01-01T12:00:00.000Z');

function at(offsetMs: number): string {
  return new Date(NOW + offsetMs).toISOString();
}

describe('formatRelativeTime', () => {
  it.each([
    [-10_000, 'just now'],
    [10_000, 'in less than a minute'],
    [-5 * 60_000, '5 minutes ago'],
    [3 * 3_600_000, 'in 3 hours'],
    [3 * 86_400_000, 'in 3 days'],
    [-86_400_000, 'yesterday'],
    [60 * 86_400_000, 'in 2 months'],
  ])('says %d ms from now is "%s"', (offset, phrase) => {
    expect(formatRelativeTime(at(offset), NOW)).toBe(phrase);
  });

  it('does not throw on a date it can not read', () => {
    expect(formatRelativeTime('soon', NOW)).toBe('at an unknown time');
  });
});

describe('formatExpiry', () => {
  it('says "expires" before and "expired" after', () => {
    expect(formatExpiry(at(3 * 86_400_000), NOW)).toBe('expires in 3 days');
    expect(formatExpiry(at(-2 * 3_600_000), NOW)).toBe('expired 2 hours ago');
  });
});

describe('formatTimeLeft', () => {
  it('counts minutes and seconds down to zero', () => {
    expect(formatTimeLeft(at(10 * 60_000), NOW)).toBe('10:00');
    expect(formatTimeLeft(at(65_500), NOW)).toBe('1:06');
    expect(formatTimeLeft(at(-1000), NOW)).toBe('0:00');
    expect(formatTimeLeft('never', NOW)).toBe('0:00');
  });
});

describe('accountInitials', () => {
  it('takes up to two letters from the name part of the email', () => {
    expect(
      accountInitials(chatgptAccount({ email: 'ada.lovelace@example.com' })),
    ).toBe('AL');
    expect(accountInitials(chatgptAccount({ email: 'bob@example.com' }))).toBe(
      'B',
    );
  });

  it('falls back to the plan name, then to API for a bare key', () => {
    expect(accountInitials(chatgptAccount({ email: null }))).toBe('P');
    expect(
      accountInitials(
        chatgptAccount({
          email: null,
          plan: null,
          mode: 'apikey',
          label: 'API key',
        }),
      ),
    ).toBe('API');
  });
});

describe('accountKind', () => {
  it('is Personal or Workspace with the short workspace id', () => {
    expect(accountKind(chatgptAccount())).toBe('Personal · ws-pers');
    expect(
      accountKind(
        chatgptAccount({
          plan: {
            id: 'business',
            raw: 'business',
            name: 'Business',
            isWorkspace: true,
          },
          shortWorkspaceId: 'ws-team',
        }),
      ),
    ).toBe('Workspace · ws-team');
  });

  it('is nothing for an API key without a workspace', () => {
    expect(
      accountKind(
        chatgptAccount({ plan: null, shortWorkspaceId: null, mode: 'apikey' }),
      ),
    ).toBeNull();
  });
});

describe('accountMode', () => {
  it('names the mode, with the key mask when there is one', () => {
    expect(accountMode(chatgptAccount())).toBe('ChatGPT');
    expect(
      accountMode(chatgptAccount({ mode: 'apikey', apiKeyMask: null })),
    ).toBe('API key');
    expect(
      accountMode(
        chatgptAccount({ mode: 'apikey', apiKeyMask: 'sk-proj-***ABCDE' }),
      ),
    ).toBe('API key · sk-proj-***ABCDE');
  });
});

describe('formatPastTime', () => {
  it('reads a time a moment ahead of this clock as "just now"', () => {
    expect(formatPastTime(at(20_000), NOW)).toBe('just now');
    expect(formatPastTime(at(-5 * 60_000), NOW)).toBe('5 minutes ago');
    expect(formatPastTime('never', NOW)).toBe('at an unknown time');
  });
});

describe('savedAccountName', () => {
  it('is the name the user gave, else the email or fallback label', () => {
    expect(savedAccountName(BOB)).toBe('bob@example.com');
    expect(savedAccountName({ ...BOB, label: 'Work' })).toBe('Work');
  });
});

describe('signInHealth', () => {
  it.each([
    ['a valid token', {}, false, 'works'],
    [
      'an expired token that can be renewed',
      { accessTokenExpiresAt: at(-60_000) },
      false,
      'works',
    ],
    [
      'an expired token with no refresh token',
      { accessTokenExpiresAt: at(-60_000), canRefresh: false },
      false,
      'sign-in-again',
    ],
    ['a refresh that failed for good', {}, true, 'sign-in-again'],
    [
      'an API key',
      {
        mode: 'apikey' as const,
        accessTokenExpiresAt: null,
        canRefresh: false,
      },
      false,
      'works',
    ],
  ])('says %s is "%s"', (_name, overrides, needsSignIn, health) => {
    expect(signInHealth(chatgptAccount(overrides), needsSignIn, NOW)).toBe(
      health,
    );
  });
});

describe('describeProcess', () => {
  it('names the process and its pid', () => {
    expect(describeProcess({ pid: 1234, name: 'codex' })).toBe(
      'codex (pid 1234)',
    );
  });
});
