// The tray icon: its picture, tooltip and menu follow the sign-in state, and
// its picture follows the system's light or dark theme. What the menu says
// is decided in tray-menu.ts, which file to show in tray-icons.ts.

import { join } from 'node:path';

import { Menu, nativeImage, nativeTheme, type Rectangle, Tray } from 'electron';

import type { AuthStatus } from '../../shared/account';
import { createLogger } from '../logger';
import { trayIconFileName, trayIconShape, trayIconTheme } from './tray-icons';
import {
  buildTrayMenuTemplate,
  type TrayMenuActions,
  trayTooltip,
} from './tray-menu';

const log = createLogger('tray');

/** What the tray needs from the app. */
export interface AppTrayOptions {
  /** The folder holding the PNGs drawn by scripts/make-icons.ts. */
  iconDir: string;
  status: AuthStatus;
  actions: TrayMenuActions;
  /** A left click on the icon, with the icon's bounds (zeros on Linux). */
  onClick(trayBounds: Rectangle): void;
}

/** The running tray icon. */
export interface AppTray {
  /** Redraws icon, tooltip and menu for a new state. */
  update(status: AuthStatus): void;
  /** Where the icon is; all zeros on Linux. */
  bounds(): Rectangle;
  destroy(): void;
}

/** Puts the icon in the tray. */
export function setupTray(options: AppTrayOptions): AppTray {
  let status = options.status;
  let menu = Menu.buildFromTemplate([]);
  const tray = new Tray(loadIcon(options.iconDir, status));

  const update = (next: AuthStatus) => {
    status = next;
    menu = Menu.buildFromTemplate(
      buildTrayMenuTemplate(status, options.actions),
    );

    tray.setImage(loadIcon(options.iconDir, status));
    tray.setToolTip(trayTooltip(status));
    // On macOS a context menu would take over the left click, so there the
    // menu opens on right click only; Linux needs it set to show it at all.
    if (process.platform !== 'darwin') tray.setContextMenu(menu);
  };

  tray.on('click', (_event, bounds) => options.onClick(bounds));
  tray.on('right-click', () => {
    if (process.platform === 'darwin') tray.popUpContextMenu(menu);
  });

  const redrawForTheme = () => tray.setImage(loadIcon(options.iconDir, status));
  nativeTheme.on('updated', redrawForTheme);

  update(status);

  return {
    update,
    bounds: () => tray.getBounds(),
    destroy() {
      nativeTheme.off('updated', redrawForTheme);
      tray.destroy();
    },
  };
}

function loadIcon(iconDir: string, status: AuthStatus) {
  const theme = trayIconTheme(
    process.platform,
    nativeTheme.shouldUseDarkColors,
  );
  const file = join(
    iconDir,
    trayIconFileName(trayIconShape(status.state), theme),
  );
  const image = nativeImage.createFromPath(file);

  if (image.isEmpty()) {
    log.warn('a tray icon is missing', { file });
  }
  if (theme === 'template') {
    image.setTemplateImage(true);
  }

  return image;
}
