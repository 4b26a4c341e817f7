import { describe, expect, it } from 'vitest';

import {
  centerWindow,
  type PlacementInput,
  placeWindow,
  taskbarEdge,
  trayAnchor,
} from './window-placement';

const WINDOW = { width: 360, height: 520 };
const NO_BOUNDS = { x: 0, y: 0, width: 0, height: 0 };
const FULL_HD = { x: 0, y: 0, width: 1920, height: 1080 };

function input(overrides: Partial<PlacementInput>): PlacementInput {
  return {
    trayBounds: NO_BOUNDS,
    cursor: { x: 0, y: 0 },
    workArea: FULL_HD,
    displayBounds: FULL_HD,
    windowSize: WINDOW,
    ...overrides,
  };
}

describe('placeWindow', () => {
  it('opens above a bottom taskbar, centred on the tray icon', () => {
    const placed = placeWindow(
      input({
        trayBounds: { x: 1500, y: 1050, width: 24, height: 24 },
        workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      }),
    );

    expect(placed).toEqual({ x: 1332, y: 520 });
  });

  it('opens below a top menu bar, as on macOS', () => {
    const placed = placeWindow(
      input({
        trayBounds: { x: 1400, y: 0, width: 22, height: 24 },
        workArea: { x: 0, y: 25, width: 1920, height: 1055 },
      }),
    );

    expect(placed).toEqual({ x: 1231, y: 25 });
  });

  it('opens beside a taskbar on the left edge', () => {
    const placed = placeWindow(
      input({
        trayBounds: { x: 10, y: 900, width: 40, height: 40 },
        workArea: { x: 60, y: 0, width: 1860, height: 1080 },
      }),
    );

    expect(placed).toEqual({ x: 60, y: 560 });
  });

  it('opens beside a taskbar on the right edge', () => {
    const placed = placeWindow(
      input({
        trayBounds: { x: 1870, y: 300, width: 40, height: 40 },
        workArea: { x: 0, y: 0, width: 1860, height: 1080 },
      }),
    );

    expect(placed).toEqual({ x: 1500, y: 60 });
  });

  it('uses the pointer when Linux reports zero tray bounds', () => {
    const placed = placeWindow(
      input({
        trayBounds: NO_BOUNDS,
        cursor: { x: 1700, y: 12 },
        workArea: { x: 0, y: 32, width: 1920, height: 1048 },
      }),
    );

    expect(placed).toEqual({ x: 1520, y: 32 });
  });

  it('stays on a monitor left of the primary one, at negative x', () => {
    const leftMonitor = { x: -1920, y: 0, width: 1920, height: 1080 };

    const placed = placeWindow(
      input({
        trayBounds: { x: -400, y: 1048, width: 24, height: 24 },
        workArea: { x: -1920, y: 0, width: 1920, height: 1040 },
        displayBounds: leftMonitor,
      }),
    );

    expect(placed).toEqual({ x: -568, y: 520 });
  });

  it('stays on a monitor above the primary one, at negative y', () => {
    const upperMonitor = { x: 0, y: -1440, width: 2560, height: 1440 };

    const placed = placeWindow(
      input({
        cursor: { x: 2540, y: -20 },
        workArea: { x: 0, y: -1440, width: 2560, height: 1392 },
        displayBounds: upperMonitor,
      }),
    );

    expect(placed).toEqual({ x: 2200, y: -568 });
  });

  it('keeps the window inside the work area next to a corner tray icon', () => {
    const placed = placeWindow(
      input({
        trayBounds: { x: 1900, y: 1050, width: 20, height: 20 },
        workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      }),
    );

    expect(placed).toEqual({ x: 1560, y: 520 });
  });

  it('keeps the top-left corner visible on a screen smaller than the window', () => {
    const tiny = { x: 0, y: 0, width: 300, height: 400 };

    const placed = placeWindow(
      input({
        cursor: { x: 290, y: 390 },
        workArea: tiny,
        displayBounds: tiny,
      }),
    );

    expect(placed).toEqual({ x: 0, y: 0 });
  });

  it('goes to the nearest edge when no taskbar takes space (auto-hide)', () => {
    const placed = placeWindow(input({ cursor: { x: 1000, y: 1075 } }));

    expect(placed).toEqual({ x: 820, y: 560 });
  });
});

describe('taskbarEdge', () => {
  it('picks the panel nearest the pointer when several take space', () => {
    // GNOME with a top bar and a dock on the left.
    const workArea = { x: 70, y: 32, width: 1850, height: 1048 };

    expect(taskbarEdge({ x: 1800, y: 10 }, workArea, FULL_HD)).toBe('top');
    expect(taskbarEdge({ x: 30, y: 700 }, workArea, FULL_HD)).toBe('left');
  });
});

describe('centerWindow', () => {
  it('centres the window in the work area, on any monitor', () => {
    const workArea = { x: -1920, y: 0, width: 1920, height: 1040 };

    expect(centerWindow(workArea, WINDOW)).toEqual({ x: -1140, y: 260 });
  });
});

describe('trayAnchor', () => {
  it('is the middle of the tray icon, in whole pixels', () => {
    const anchor = trayAnchor(
      { x: 1501, y: 1050, width: 23, height: 24 },
      { x: 5, y: 5 },
    );

    expect(anchor).toEqual({ x: 1513, y: 1062 });
  });

  it('is the pointer when the tray bounds are zeros', () => {
    expect(trayAnchor(NO_BOUNDS, { x: 640, y: 12 })).toEqual({ x: 640, y: 12 });
  });
});
