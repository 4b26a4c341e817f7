// Whether a tray icon will be seen, decided before the window is made. No
// Electron import, so every desktop's answer is tested in Node.
//
// GNOME without the AppIndicator extension has no tray at all, and Electron
// can't tell: new Tray() succeeds and the icon is simply never drawn. Asking
// D-Bus for a StatusNotifierWatcher would tell, but needs a D-Bus client.
// TODO(tray): ask D-Bus for org.kde.StatusNotifierWatcher on Linux; until
// then the app trusts only desktops known to draw tray icons and otherwise
// opens its window at start, which is harmless where a tray does exist.

/** How the window behaves. */
export type WindowMode =
  /** Opens next to the tray and hides when it loses focus. */
  | 'tray'
  /** An ordinary window, opened at start, since no tray may be visible. */
  | 'standalone';

/**
 * Desktops whose panels draw StatusNotifier or XEmbed icons out of the box.
 * Ubuntu's GNOME session (`ubuntu:GNOME`) ships the AppIndicator extension.
 */
const DESKTOPS_WITH_TRAY = [
  'kde',
  'xfce',
  'lxqt',
  'lxde',
  'x-cinnamon',
  'cinnamon',
  'mate',
  'budgie',
  'budgie-desktop',
  'unity',
  'ubuntu',
  'pantheon',
  'deepin',
  'cosmic',
];

/** `CODEX_ACCOUNTS_TRAY=on|off` overrides the guess. */
export const TRAY_OVERRIDE_VARIABLE = 'CODEX_ACCOUNTS_TRAY';

/** Whether a tray icon is known to be visible on this desktop. */
export function trayIsKnownToWork(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): boolean {
  const override = env[TRAY_OVERRIDE_VARIABLE]?.toLowerCase();
  if (override === 'on') return true;
  if (override === 'off') return false;

  if (platform !== 'linux') {
    return true;
  }

  const desktops = (env['XDG_CURRENT_DESKTOP'] ?? '')
    .toLowerCase()
    .split(':')
    .map((name) => name.trim());
  return desktops.some((name) => DESKTOPS_WITH_TRAY.includes(name));
}

/** The window's mode for this desktop. */
export function chooseWindowMode(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): WindowMode {
  return trayIsKnownToWork(platform, env) ? 'tray' : 'standalone';
}
