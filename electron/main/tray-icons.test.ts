import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  TRAY_ICON_SHAPES,
  TRAY_ICON_THEMES,
  trayIconFileName,
  trayIconShape,
  trayIconTheme,
} from './tray-icons';

const ICON_DIR = resolve(import.meta.dirname, '../../build/icons');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string) {
  const bytes = readFileSync(file);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('tray icons', () => {
  it('have a shape for each sign-in state', () => {
    expect(trayIconShape('signed_in')).toBe('signed-in');
    expect(trayIconShape('signed_out')).toBe('signed-out');
    expect(trayIconShape('unusable')).toBe('problem');
  });

  it('use template images on macOS and follow the theme elsewhere', () => {
    expect(trayIconTheme('darwin', true)).toBe('template');
    expect(trayIconTheme('linux', true)).toBe('on-dark');
    expect(trayIconTheme('win32', false)).toBe('on-light');
  });

  it('name the macOS template files as macOS expects', () => {
    expect(trayIconFileName('signed-in', 'template')).toBe('trayTemplate.png');
    expect(trayIconFileName('signed-in', 'template', 2)).toBe(
      'trayTemplate@2x.png',
    );
  });

  it('exist in build/icons at 16 px and 32 px for every shape and theme', () => {
    for (const shape of TRAY_ICON_SHAPES) {
      for (const theme of TRAY_ICON_THEMES) {
        const small = join(ICON_DIR, trayIconFileName(shape, theme, 1));
        const large = join(ICON_DIR, trayIconFileName(shape, theme, 2));

        expect(pngSize(small)).toEqual({ width: 16, height: 16 });
        expect(pngSize(large)).toEqual({ width: 32, height: 32 });
      }
    }
  });

  it('differ in shape between signed in and signed out, not only in colour', () => {
    const signedIn = readFileSync(
      join(ICON_DIR, trayIconFileName('signed-in', 'template', 2)),
    );
    const signedOut = readFileSync(
      join(ICON_DIR, trayIconFileName('signed-out', 'template', 2)),
    );

    // Both templates are black; only the alpha (the shape) can differ.
    expect(signedIn.equals(signedOut)).toBe(false);
  });
});
