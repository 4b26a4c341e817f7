// Hands the window's store to the components. The store is passed in rather
// than created at import time, so each test renders with its own.

import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';

import type { AccountsState, AccountsStore } from './store';

const AccountsStoreContext = createContext<AccountsStore | null>(null);

/** Makes `store` available to `useAccounts` below it. */
export function AccountsStoreProvider(props: {
  store: AccountsStore;
  children: ReactNode;
}) {
  return (
    <AccountsStoreContext value={props.store}>
      {props.children}
    </AccountsStoreContext>
  );
}

/**
 * Reads one value from the store and re-renders when it changes. Select a
 * single value or action: a selector that builds a new object each time
 * would re-render forever.
 */
export function useAccounts<T>(selector: (state: AccountsState) => T): T {
  const store = useContext(AccountsStoreContext);

  if (store === null) {
    throw new Error('useAccounts needs an AccountsStoreProvider above it.');
  }

  return useStore(store, selector);
}
