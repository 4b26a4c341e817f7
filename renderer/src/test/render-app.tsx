// Renders the whole window against an in-memory bridge, for tests, and waits
// until the first status request has been answered.

import { render, waitFor } from '@testing-library/react';

import { App } from '../components/app';
import { type AccountsStore, createAccountsStore } from '../store';
import { AccountsStoreProvider } from '../store-context';
import type { InMemoryBridge } from './in-memory-bridge';

/** The rendered window, its store, and a function that disconnects it. */
export async function renderAppForTests(bridge: InMemoryBridge) {
  const store: AccountsStore = createAccountsStore(bridge);
  const disconnect = store.getState().connect();
  const view = render(
    <AccountsStoreProvider store={store}>
      <App />
    </AccountsStoreProvider>,
  );

  await waitFor(() => {
    if (store.getState().pending.includes('load')) {
      throw new Error('the status request has not been answered yet');
    }
  });

  return { ...view, store, disconnect };
}
