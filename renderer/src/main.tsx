// The window's entry: finds the bridge, starts the store and draws the app.
// Without the bridge there is nothing to show but why.

import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { getBridge } from './bridge';
import { App } from './components/app';
import { CrashBoundary } from './components/crash-boundary';
import { createBridgeLog, describeThrown, type RendererLog } from './log';
import { createAccountsStore } from './store';
import { AccountsStoreProvider } from './store-context';

function start(container: HTMLElement): void {
  let bridge;

  try {
    bridge = getBridge();
  } catch (thrown) {
    showFatal(container, describeThrown(thrown));
    return;
  }

  const log = createBridgeLog(bridge);
  const store = createAccountsStore(bridge, log);

  forwardUncaughtErrors(log);
  store.getState().connect();

  createRoot(container, {
    onCaughtError: (thrown) =>
      log.error(`render failed: ${describeThrown(thrown)}`),
    onUncaughtError: (thrown) =>
      log.error(`render failed: ${describeThrown(thrown)}`),
  }).render(
    <StrictMode>
      <CrashBoundary>
        <AccountsStoreProvider store={store}>
          <App />
        </AccountsStoreProvider>
      </CrashBoundary>
    </StrictMode>,
  );
}

function forwardUncaughtErrors(log: RendererLog): void {
  window.addEventListener('error', (event) => {
    log.error(`uncaught: ${describeThrown(event.error ?? event.message)}`);
  });
  window.addEventListener('unhandledrejection', (event) => {
    log.error(`unhandled rejection: ${describeThrown(event.reason)}`);
  });
}

function showFatal(container: HTMLElement, message: string): void {
  const paragraph = document.createElement('p');

  paragraph.className = 'crash';
  paragraph.setAttribute('role', 'alert');
  paragraph.textContent = message;
  container.replaceChildren(paragraph);
  console.error(message);
}

const root = document.getElementById('root');

if (root === null) {
  throw new Error('index.html has no #root element for the window.');
}

start(root);
