// Which tray icon file to show. No Electron import, so the choice is tested
// in Node; tray.ts loads the file with nativeImage.
//
// The state shows by shape, not only by colour: a filled badge when signed
// in, an outline when signed out, an outline with "!" when auth.json can't be
// used. macOS gets template images (black and alpha, recoloured by the
// system); Linux and Windows get a dark glyph for light panels and a light
// glyph for dark ones. Every file has a @2x twin for high-DPI screens, which
// nativeImage picks up by its name.

import type { AuthStatus } from '../../shared/account';

/** The three shapes of the tray icon. */
export type TrayIconShape = 'signed-in' | 'signed-out' | 'problem';

/** The variants drawn by scripts/make-icons.ts. */
export type TrayIconTheme = 'template' | 'on-light' | 'on-dark';

export const TRAY_ICON_SHAPES: readonly TrayIconShape[] = [
  'signed-in',
  'signed-out',
  'problem',
];

export const TRAY_ICON_THEMES: readonly TrayIconTheme[] = [
  'template',
  'on-light',
  'on-dark',
];

const TEMPLATE_NAMES: Record<TrayIconShape, string> = {
  'signed-in': 'trayTemplate',
  'signed-out': 'traySignedOutTemplate',
  problem: 'trayProblemTemplate',
};

/** The shape for a sign-in state. */
export function trayIconShape(state: AuthStatus['state']): TrayIconShape {
  if (state === 'signed_in') return 'signed-in';
  if (state === 'unusable') return 'problem';
  return 'signed-out';
}

/** Which variant this platform and theme need. */
export function trayIconTheme(
  platform: NodeJS.Platform,
  darkColors: boolean,
): TrayIconTheme {
  if (platform === 'darwin') return 'template';

  return darkColors ? 'on-dark' : 'on-light';
}

/**
 * The 1x file name in build/icons. macOS only treats an image as a template
 * when its name ends in "Template"; `scale: 2` gives the @2x twin.
 */
export function trayIconFileName(
  shape: TrayIconShape,
  theme: TrayIconTheme,
  scale: 1 | 2 = 1,
): string {
  const base =
    theme === 'template' ? TEMPLATE_NAMES[shape] : `tray-${shape}-${theme}`;

  return scale === 2 ? `${base}@2x.png` : `${base}.png`;
}
