// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createAccountsStore } from '../store';
import { AccountsStoreProvider } from '../store-context';
import { createInMemoryBridgeForTests } from '../test/in-memory-bridge';
import { accountsStatus, manyAccounts } from '../test/statuses';
import { App } from './app';
import type * as AvatarModuleExports from './avatar';

type AvatarModule = typeof AvatarModuleExports;

// Every row draws one avatar, so counting avatars counts rendered rows.
const avatars = vi.hoisted(() => ({ rendered: 0 }));

vi.mock('./avatar', async (importOriginal) => {
  const original: AvatarModule = await importOriginal();

  return {
    Avatar: (props: Parameters<AvatarModule['Avatar']>[0]) => {
      avatars.rendered += 1;
      return original.Avatar(props);
    },
  };
});

afterEach(cleanup);

async function loadedStore(status: ReturnType<typeof accountsStatus>) {
  const bridge = createInMemoryBridgeForTests(status);
  const store = createAccountsStore(bridge);

  store.getState().connect();
  await waitFor(() => expect(store.getState().status).not.toBeNull());
  return { bridge, store };
}

// The first render of a file pays for compiling every component; time a
// warm one, as the window's list is after its first status.
async function renderWarmUp(): Promise<void> {
  const { store } = await loadedStore(accountsStatus(manyAccounts(5)));
  const view = render(
    <AccountsStoreProvider store={store}>
      <App />
    </AccountsStoreProvider>,
  );

  view.unmount();
}

// The CPU time this test process has used, in ms. The tests run in Node;
// the window's own types (tsconfig.web.json) know nothing of `process`.
function cpuMilliseconds(): number {
  const node = globalThis as unknown as {
    process: { cpuUsage(): { user: number; system: number } };
  };
  const usage = node.process.cpuUsage();

  return (usage.user + usage.system) / 1000;
}

function rowKeys(): Array<string | undefined> {
  return screen.getAllByTestId('account-row').map((row) => row.dataset['key']);
}

describe('a list of 200 accounts', () => {
  it(
    'renders every row, each under its own key, in reasonable time',
    { timeout: 120_000 },
    async () => {
      const accounts = manyAccounts(200);
      const { store } = await loadedStore(accountsStatus(accounts));
      await renderWarmUp();

      const started = performance.now();
      const cpuStarted = cpuMilliseconds();
      render(
        <AccountsStoreProvider store={store}>
          <App />
        </AccountsStoreProvider>,
      );
      const cpu = cpuMilliseconds() - cpuStarted;
      const elapsed = performance.now() - started;

      console.info(
        `rendered 200 accounts in ${elapsed.toFixed(0)} ms ` +
          `(${cpu.toFixed(0)} ms of CPU) in jsdom`,
      );
      expect(rowKeys()).toEqual(accounts.map((view) => view.key));
      // jsdom is many times slower than Chromium, and the machine may be
      // busy with other work, so the bound is on this process's CPU time and
      // generous: it catches per-row work gone wrong, not noise.
      expect(cpu).toBeLessThan(4000);
    },
  );

  it('renders only the row that changed when one account changes', async () => {
    const accounts = manyAccounts(200);
    const { bridge, store } = await loadedStore(accountsStatus(accounts));
    render(
      <AccountsStoreProvider store={store}>
        <App />
      </AccountsStoreProvider>,
    );
    avatars.rendered = 0;
    // A fresh copy of every account, as main sends it, with one renamed.
    const next = accounts.map((view, index) =>
      index === 150 ? { ...view, label: 'Renamed' } : structuredClone(view),
    );

    act(() => bridge.emit('auth:status-changed', accountsStatus(next)));

    // The renamed row, and the card of the active account.
    expect(avatars.rendered).toBe(2);
    expect(screen.getAllByTestId('row-label')[150]?.textContent).toBe(
      'Renamed',
    );
  });
});
