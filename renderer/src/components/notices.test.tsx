// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AuthStatus } from '../../../shared/account';
import { freezeClockForTests, NOW, restoreClockForTests } from '../test/clock';
import { createInMemoryBridgeForTests } from '../test/in-memory-bridge';
import { renderAppForTests } from '../test/render-app';
import { accountsStatus, active, ALICE, BOB } from '../test/statuses';

beforeEach(freezeClockForTests);
afterEach(() => {
  cleanup();
  restoreClockForTests();
});

function minutesAgo(minutes: number): string {
  return new Date(NOW - minutes * 60_000).toISOString();
}

function switchedToBob(
  runningCodex: Array<{ pid: number; name: string }>,
  at = minutesAgo(1),
): AuthStatus {
  return accountsStatus([ALICE, active(BOB)], {
    lastSwitch: { key: BOB.key, at, runningCodex },
  });
}

describe('the switch notice', () => {
  it('says new sessions use the account and lists the Codex processes running', async () => {
    const bridge = createInMemoryBridgeForTests(
      switchedToBob([
        { pid: 1234, name: 'codex' },
        { pid: 5678, name: 'codex' },
      ]),
    );

    await renderAppForTests(bridge);

    const notice = screen.getByTestId('switch-notice');
    expect(
      [...notice.querySelectorAll('p, li')].map((line) => line.textContent),
    ).toEqual([
      'New Codex sessions use bob@example.com.',
      'Codex sessions already running keep the previous account until you ' +
        'restart them.',
      'Running when you switched:',
      'codex (pid 1234)',
      'codex (pid 5678)',
    ]);
  });

  it('has no process list when none was found', async () => {
    const bridge = createInMemoryBridgeForTests(switchedToBob([]));

    await renderAppForTests(bridge);

    expect(screen.getByTestId('switch-notice')).toBeTruthy();
    expect(screen.queryByTestId('running-codex')).toBeNull();
  });

  it('appears when main reports a switch, in a live region', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE), BOB]),
    );
    await renderAppForTests(bridge);
    expect(screen.queryByTestId('switch-notice')).toBeNull();

    act(() => bridge.emit('auth:status-changed', switchedToBob([])));

    const notice = screen.getByTestId('switch-notice');
    expect(notice.parentElement?.getAttribute('aria-live')).toBe('polite');
  });

  it('goes away when dismissed', async () => {
    const bridge = createInMemoryBridgeForTests(switchedToBob([]));
    await renderAppForTests(bridge);

    fireEvent.click(
      screen.getByRole('button', { name: 'Dismiss switch notice' }),
    );

    expect(screen.queryByTestId('switch-notice')).toBeNull();
  });

  it('goes away once that account is no longer the active one', async () => {
    const bridge = createInMemoryBridgeForTests(switchedToBob([]));
    await renderAppForTests(bridge);

    act(() =>
      bridge.emit('auth:status-changed', {
        ...switchedToBob([]),
        state: 'signed_out',
        account: null,
        accounts: [ALICE],
      }),
    );

    expect(screen.queryByTestId('switch-notice')).toBeNull();
  });

  it('is not shown for a switch long past', async () => {
    const bridge = createInMemoryBridgeForTests(
      switchedToBob([{ pid: 1234, name: 'codex' }], minutesAgo(60)),
    );

    await renderAppForTests(bridge);

    expect(screen.queryByTestId('switch-notice')).toBeNull();
  });
});

describe('the storage notice', () => {
  it.each([
    [
      { encrypted: false, weak: false },
      'Saved accounts are not encrypted on this computer.',
    ],
    [
      { encrypted: true, weak: true },
      'Saved accounts are only weakly encrypted on this computer (no system ' +
        'keyring).',
    ],
  ])('says how accounts are kept when %o', async (storage, text) => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE)], { storage }),
    );

    await renderAppForTests(bridge);

    expect(screen.getByTestId('storage-notice').textContent).toBe(text);
  });

  it('says nothing when the accounts are encrypted', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE)], {
        storage: { encrypted: true, weak: false },
      }),
    );

    await renderAppForTests(bridge);

    expect(screen.queryByTestId('storage-notice')).toBeNull();
  });
});

describe('notes about the environment', () => {
  function withEnvironment(
    environment: Partial<AuthStatus['environment']>,
  ): AuthStatus {
    const status = accountsStatus([active(ALICE)]);

    return {
      ...status,
      environment: { ...status.environment, ...environment },
    };
  }

  it('names an API key variable Codex would bill, and where it is set', async () => {
    const bridge = createInMemoryBridgeForTests(
      withEnvironment({
        apiKeyVariables: [
          { name: 'OPENAI_API_KEY', where: '~/.bashrc (line 12)' },
        ],
      }),
    );

    await renderAppForTests(bridge);

    expect(screen.getByTestId('api-key-variable-note').textContent).toBe(
      'OPENAI_API_KEY is set in ~/.bashrc (line 12): Codex may bill that ' +
        'key instead of the ChatGPT plan. Remove it there to use the plan.',
    );
  });

  it('warns when other users can read auth.json', async () => {
    const bridge = createInMemoryBridgeForTests(
      withEnvironment({ authFileOpenToOthers: true }),
    );

    await renderAppForTests(bridge);

    expect(screen.getByTestId('auth-file-open-note')).toBeTruthy();
  });

  it('turns off a sign-in method that config.toml forbids, and says why', async () => {
    // Worded as codex-config words it: a sentence with its full stop.
    const reason = 'config.toml sets forced_login_method = "api".';
    const bridge = createInMemoryBridgeForTests(
      withEnvironment({ chatgptBlocked: reason }),
    );
    await renderAppForTests(bridge);
    const add = screen.getByRole('button', { name: 'Add account' });

    fireEvent.click(add);

    expect(add.getAttribute('aria-disabled')).toBe('true');
    const [blockedNote] = (add.getAttribute('aria-describedby') ?? '').split(
      ' ',
    );
    expect(document.getElementById(blockedNote ?? '')?.textContent).toBe(
      `Signing in with ChatGPT is turned off here: ${reason}`,
    );
    expect(bridge.requestsOn('auth:sign-in-chatgpt')).toEqual([]);
  });

  it('keeps the API key form closed when API keys are forbidden', async () => {
    const bridge = createInMemoryBridgeForTests(
      withEnvironment({
        apiKeyBlocked: 'config.toml sets forced_login_method = "chatgpt".',
      }),
    );
    await renderAppForTests(bridge);

    fireEvent.click(screen.getByRole('button', { name: 'Use an API key' }));

    expect(screen.queryByLabelText('OpenAI API key')).toBeNull();
    expect(
      screen.getByText(
        'API keys are turned off here: config.toml sets forced_login_method = "chatgpt".',
      ),
    ).toBeTruthy();
  });

  it('says nothing when all is well', async () => {
    const bridge = createInMemoryBridgeForTests(
      accountsStatus([active(ALICE)]),
    );

    await renderAppForTests(bridge);

    expect(screen.queryByTestId('api-key-variable-note')).toBeNull();
    expect(screen.queryByTestId('auth-file-open-note')).toBeNull();
    expect(screen.queryByTestId('config-problem-note')).toBeNull();
  });
});
