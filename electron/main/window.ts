// The one window: made once, then shown and hidden. Next to the tray it is
// a frameless popup that hides when it loses focus; where no tray may be
// visible it is an ordinary window that opens at start (see tray-host.ts).
// Where it goes is decided in window-placement.ts.

import { BrowserWindow, type Rectangle, screen } from 'electron';

import { createLogger } from '../logger';
import type { RendererLocation } from './renderer-location';
import { createToggleGuard } from './toggle-guard';
import type { WindowMode } from './tray-host';
import { centerWindow, placeWindow, trayAnchor } from './window-placement';

const log = createLogger('window');

export const WINDOW_SIZE = { width: 360, height: 520 };
export const WINDOW_TITLE = 'Codex Accounts';

/** What the app needs to build the window. */
export interface AccountsWindowOptions {
  mode: WindowMode;
  location: RendererLocation;
  preloadPath: string;
  /** True once the app is quitting, so closing really closes. */
  isQuitting(): boolean;
}

/** The window and the ways the tray and the app show it. */
export interface AccountsWindow {
  readonly browserWindow: BrowserWindow;
  /** Shows it next to the tray icon (or the pointer, where unknown). */
  showNextToTray(trayBounds: Rectangle): void;
  /** Shows it in the middle of the display under the pointer. */
  showCentered(): void;
  /** A tray click: hides an open window, otherwise shows it by the tray. */
  toggleFromTray(trayBounds: Rectangle): void;
  hide(): void;
}

/** Builds the window and starts loading the page; it stays hidden. */
export function createAccountsWindow(
  options: AccountsWindowOptions,
): AccountsWindow {
  const popup = options.mode === 'tray';
  const browserWindow = new BrowserWindow({
    ...WINDOW_SIZE,
    title: WINDOW_TITLE,
    show: false,
    // A standalone window needs a title bar: it is how it is moved and
    // closed where there is no tray to bring it back.
    frame: !popup,
    skipTaskbar: popup,
    resizable: false,
    maximizable: false,
    fullscreenable: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const guard = createToggleGuard(() => Date.now());

  if (popup && process.platform === 'darwin') {
    // Opens on the Space the user is on, as a menu bar popup should.
    browserWindow.setVisibleOnAllWorkspaces(true, {
      visibleOnFullScreen: true,
    });
  }

  const show = (position: { x: number; y: number }) => {
    browserWindow.setPosition(position.x, position.y, false);
    if (browserWindow.isMinimized()) browserWindow.restore();
    browserWindow.show();
    browserWindow.focus();
    guard.noteShown();
  };

  const showNextToTray = (trayBounds: Rectangle) => {
    // Linux reports zero tray bounds; the pointer then stands for the tray.
    const cursor = screen.getCursorScreenPoint();
    const display = screen.getDisplayNearestPoint(
      trayAnchor(trayBounds, cursor),
    );

    show(
      placeWindow({
        trayBounds,
        cursor,
        workArea: display.workArea,
        displayBounds: display.bounds,
        windowSize: outerSize(browserWindow),
      }),
    );
  };

  const showCentered = () => {
    const cursor = screen.getCursorScreenPoint();
    const display = screen.getDisplayNearestPoint(cursor);

    show(centerWindow(display.workArea, outerSize(browserWindow)));
  };

  if (popup) {
    browserWindow.on('blur', () => {
      if (!guard.shouldHideOnBlur()) return;

      browserWindow.hide();
      guard.noteHiddenByBlur();
    });
  }

  browserWindow.on('close', (event) => {
    // A popup only hides (Alt+F4, Cmd+W); the app quits from the tray menu.
    if (popup && !options.isQuitting()) {
      event.preventDefault();
      browserWindow.hide();
    }
  });

  loadPage(browserWindow, options.location);

  return {
    browserWindow,
    showNextToTray,
    showCentered,
    toggleFromTray(trayBounds) {
      if (guard.shouldShowOnClick(browserWindow.isVisible())) {
        showNextToTray(trayBounds);
      } else {
        browserWindow.hide();
      }
    },
    hide: () => browserWindow.hide(),
  };
}

function outerSize(window: BrowserWindow) {
  const [width = WINDOW_SIZE.width, height = WINDOW_SIZE.height] =
    window.getSize();
  return { width, height };
}

function loadPage(window: BrowserWindow, location: RendererLocation): void {
  const loading =
    location.kind === 'file'
      ? window.loadFile(location.path)
      : window.loadURL(location.url);

  loading.catch((error: unknown) => {
    log.error('the window could not load its page', {
      reason: error instanceof Error ? error.message : String(error),
    });
  });
}
