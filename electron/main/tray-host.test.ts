import { describe, expect, it } from 'vitest';

import { chooseWindowMode, trayIsKnownToWork } from './tray-host';

describe('chooseWindowMode', () => {
  it('uses the tray on macOS and Windows', () => {
    expect(chooseWindowMode('darwin', {})).toBe('tray');
    expect(chooseWindowMode('win32', {})).toBe('tray');
  });

  it('opens a standalone window on plain GNOME, which has no tray', () => {
    expect(chooseWindowMode('linux', { XDG_CURRENT_DESKTOP: 'GNOME' })).toBe(
      'standalone',
    );
  });

  it('opens a standalone window when the desktop is unknown', () => {
    expect(chooseWindowMode('linux', {})).toBe('standalone');
  });

  it("uses the tray on Ubuntu's GNOME, which ships AppIndicator", () => {
    expect(
      chooseWindowMode('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }),
    ).toBe('tray');
  });

  it('uses the tray on KDE and XFCE', () => {
    expect(chooseWindowMode('linux', { XDG_CURRENT_DESKTOP: 'KDE' })).toBe(
      'tray',
    );
    expect(chooseWindowMode('linux', { XDG_CURRENT_DESKTOP: 'XFCE' })).toBe(
      'tray',
    );
  });
});

describe('trayIsKnownToWork', () => {
  it('follows CODEX_ACCOUNTS_TRAY over the guess', () => {
    expect(
      trayIsKnownToWork('linux', {
        XDG_CURRENT_DESKTOP: 'GNOME',
        CODEX_ACCOUNTS_TRAY: 'on',
      }),
    ).toBe(true);
    expect(trayIsKnownToWork('darwin', { CODEX_ACCOUNTS_TRAY: 'off' })).toBe(
      false,
    );
  });
});
