// The Electron main process: one running copy, a locked-down session, the
// services from electron/services, the tray and the window, and a clean quit
// that frees the sign-in port. Everything with logic of its own lives in a
// module beside this one; this file only puts them together.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  app,
  dialog,
  Notification,
  type Rectangle,
  session,
  shell,
} from 'electron';

import { createLogger } from '../logger';
import { type AppServices, createAppServices } from '../services/app-services';
import { forwardManagerEvents } from '../services/ipc-handlers';
import { createSignInAlerts } from '../services/sign-in-alerts';
import { createEventSender, setupIpc } from './ipc';
import { rendererLocation } from './renderer-location';
import { safeStorageCodec } from './safe-storage-codec';
import { hardenSession, setupWebContentsSecurity } from './security';
import { type AppTray, setupTray } from './tray';
import { chooseWindowMode, type WindowMode } from './tray-host';
import { APP_NAME, type TrayMenuActions } from './tray-menu';
import { type AccountsWindow, createAccountsWindow } from './window';

const log = createLogger('main');

// The bundle sits in out/main; the preload and the page are its siblings.
const mainDir = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(mainDir, '../preload/index.cjs');
const indexHtmlPath = join(mainDir, '../renderer/index.html');

const NO_BOUNDS: Rectangle = { x: 0, y: 0, width: 0, height: 0 };

let quitting = false;
let accountsWindow: AccountsWindow | null = null;

if (app.requestSingleInstanceLock()) {
  void startApp();
} else {
  // Another copy runs; it was told (second-instance) and shows its window.
  app.quit();
}

async function startApp(): Promise<void> {
  app.on('second-instance', () => accountsWindow?.showCentered());
  app.on('before-quit', () => {
    quitting = true;
  });
  // Only a standalone window really closes; then there is nothing left.
  app.on('window-all-closed', () => app.quit());
  setupWebContentsSecurity();

  await app.whenReady();
  hardenSession(session.defaultSession);

  const services = await createServices();
  if (!services) return;

  startWindowAndTray(services, chooseWindowMode(process.platform, process.env));
}

async function createServices(): Promise<AppServices | null> {
  try {
    return await createAppServices({
      dataDir: app.getPath('userData'),
      secretCodec: safeStorageCodec(),
      // app-services opens only the issuer's URLs.
      openBrowser: (url) => shell.openExternal(url),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.error('the services could not start', { reason });
    dialog.showErrorBox(APP_NAME, `${APP_NAME} could not start: ${reason}`);
    app.exit(1);
    return null;
  }
}

function startWindowAndTray(services: AppServices, wanted: WindowMode): void {
  let tray: AppTray | null = null;
  const trayBounds = () => tray?.bounds() ?? NO_BOUNDS;

  try {
    tray = setupTray({
      iconDir: iconDir(),
      status: services.manager.snapshot(),
      actions: trayActions(services, trayBounds),
      onClick: (bounds) => accountsWindow?.toggleFromTray(bounds),
    });
  } catch (error) {
    log.warn('no tray icon', { reason: String(error) });
  }

  const mode = tray ? wanted : 'standalone';
  if (mode === 'tray') app.dock?.hide();

  const location = rendererLocation({
    packaged: app.isPackaged,
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    indexHtmlPath,
  });
  const window = createAccountsWindow({
    mode,
    location,
    preloadPath,
    isQuitting: () => quitting,
  });
  accountsWindow = window;

  const stopIpc = setupIpc(services.handlers, {
    window: () => window.browserWindow,
    location,
  });
  const stopEvents = forwardManagerEvents(
    services.manager,
    createEventSender(() => window.browserWindow),
    services.statusFeed,
  );
  // The tray shows sign-in progress too (its menu can cancel a sign-in).
  const stopTray = services.manager.subscribe(() =>
    tray?.update(services.manager.snapshot()),
  );

  const stopAlerts = setupSignInAlerts(services);

  if (mode === 'standalone') {
    window.browserWindow.once('ready-to-show', () => window.showCentered());
  }

  disposeOnQuit(services, () => {
    stopAlerts();
    stopTray();
    stopEvents();
    stopIpc();
    tray?.destroy();
  });
}

/** Desktop notifications, once per episode, unless the user turned them off. */
function setupSignInAlerts(services: AppServices): () => void {
  const alertFor = createSignInAlerts();

  return services.manager.subscribe((event) => {
    const alert = alertFor(event);
    if (!alert || !Notification.isSupported()) return;
    void services.settings.get().then((settings) => {
      if (!settings.notifications) return;
      const notification = new Notification({
        title: alert.title,
        body: alert.body,
      });
      notification.on('click', () => accountsWindow?.showCentered());
      notification.show();
    });
  });
}

function trayActions(
  services: AppServices,
  trayBounds: () => Rectangle,
): TrayMenuActions {
  const openWindow = () => accountsWindow?.showNextToTray(trayBounds());

  return {
    openWindow,
    signInWithChatGPT: () => void startSignIn(services),
    switchAccount: (key) => void switchAccount(services, key),
    cancelSignIn: () => services.manager.cancelSignIn(),
    // TODO(tray): the window opens on the account and its Sign out button,
    // which asks before it signs out. Opening that question directly needs
    // an event in shared/ipc-contract.ts.
    confirmSignOut: openWindow,
    checkAgain: () => void services.manager.reload(),
    quit: () => app.quit(),
  };
}

async function startSignIn(services: AppServices): Promise<void> {
  const result = await services.handlers['auth:sign-in-chatgpt'](null);

  if (!result.ok) {
    await showProblem("The sign-in didn't start.", result.error.message);
  }
}

/** The tray switches through the same handler as the window's request. */
async function switchAccount(services: AppServices, key: string) {
  const result = await services.handlers['accounts:switch']({ key });

  if (!result.ok) {
    await showProblem("The account wasn't switched.", result.error.message);
  }
}

/** Started from the tray, the window may be closed: say it in a dialog. */
async function showProblem(message: string, detail: string): Promise<void> {
  await dialog.showMessageBox({
    type: 'warning',
    title: APP_NAME,
    message,
    detail,
  });
}

/**
 * Ends a waiting sign-in before the app exits, so its port (1455) is free
 * for Codex or the next start. Electron doesn't wait for promises in quit
 * events, so the first quit is held back until the services are done.
 */
function disposeOnQuit(services: AppServices, stop: () => void): void {
  let stage: 'running' | 'stopping' | 'stopped' = 'running';

  app.on('will-quit', (event) => {
    if (stage === 'stopped') return;

    event.preventDefault();
    if (stage === 'stopping') return;

    stage = 'stopping';
    stop();
    services
      .dispose()
      .catch((error: unknown) =>
        log.error('the services did not stop cleanly', {
          reason: String(error),
        }),
      )
      .finally(() => {
        stage = 'stopped';
        app.quit();
      });
  });
}

function iconDir(): string {
  // Packaged, the icons are extraResources; in development, build/icons.
  return app.isPackaged
    ? join(process.resourcesPath, 'icons')
    : join(mainDir, '../../build/icons');
}
