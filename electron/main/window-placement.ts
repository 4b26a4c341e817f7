// Where the window goes when it opens from the tray. Pure geometry, with no
// Electron import, so every desktop layout can be tested in plain Node.
//
// The taskbar can sit on any edge, monitors left of or above the primary one
// have negative coordinates, and on Linux Tray.getBounds() is all zeros.

/** A rectangle in screen coordinates (Electron's DIP). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in screen coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** A window's outer size. */
export interface Size {
  width: number;
  height: number;
}

/** The edge of a display that holds the taskbar, panel or menu bar. */
export type ScreenEdge = 'top' | 'bottom' | 'left' | 'right';

/** What placement needs to know about the click and the display it hit. */
export interface PlacementInput {
  /** Tray.getBounds(); all zeros where the platform doesn't tell. */
  trayBounds: Rect;
  /** Where the pointer was when the tray was used. */
  cursor: Point;
  /** The display's area minus taskbars and panels. */
  workArea: Rect;
  /** The whole display; compared with the work area to find the taskbar. */
  displayBounds: Rect;
  windowSize: Size;
}

/** Whether the platform reported where the tray icon is. */
export function hasTrayPosition(trayBounds: Rect): boolean {
  return trayBounds.width > 0 && trayBounds.height > 0;
}

/**
 * The point the window should sit next to: the middle of the tray icon, or
 * the pointer when the tray's position is unknown (Linux). Whole pixels,
 * since Electron's screen API refuses fractional points.
 */
export function trayAnchor(trayBounds: Rect, cursor: Point): Point {
  if (!hasTrayPosition(trayBounds)) {
    return cursor;
  }

  return {
    x: Math.round(trayBounds.x + trayBounds.width / 2),
    y: Math.round(trayBounds.y + trayBounds.height / 2),
  };
}

/**
 * The edge the tray lives on. Edges where the work area is smaller than the
 * display hold a taskbar; of those, the one nearest the anchor wins. With no
 * visible taskbar (auto-hide, some Linux panels) the nearest edge wins.
 */
export function taskbarEdge(
  anchor: Point,
  workArea: Rect,
  displayBounds: Rect,
): ScreenEdge {
  const insets: Record<ScreenEdge, number> = {
    top: workArea.y - displayBounds.y,
    bottom: bottomOf(displayBounds) - bottomOf(workArea),
    left: workArea.x - displayBounds.x,
    right: rightOf(displayBounds) - rightOf(workArea),
  };
  const distances: Record<ScreenEdge, number> = {
    top: Math.abs(anchor.y - displayBounds.y),
    bottom: Math.abs(bottomOf(displayBounds) - anchor.y),
    left: Math.abs(anchor.x - displayBounds.x),
    right: Math.abs(rightOf(displayBounds) - anchor.x),
  };

  const edges: ScreenEdge[] = ['bottom', 'top', 'left', 'right'];
  const withTaskbar = edges.filter((edge) => insets[edge] > 0);
  const candidates = withTaskbar.length > 0 ? withTaskbar : edges;

  return candidates.reduce((best, edge) =>
    distances[edge] < distances[best] ? edge : best,
  );
}

/**
 * The window's top-left corner: against the taskbar's edge of the work area,
 * centred on the tray along that edge, and always wholly inside the work
 * area so it never opens off screen.
 */
export function placeWindow(input: PlacementInput): Point {
  const { workArea, windowSize } = input;
  const anchor = trayAnchor(input.trayBounds, input.cursor);
  const edge = taskbarEdge(anchor, workArea, input.displayBounds);

  const centredX = anchor.x - windowSize.width / 2;
  const centredY = anchor.y - windowSize.height / 2;
  const wanted: Record<ScreenEdge, Point> = {
    top: { x: centredX, y: workArea.y },
    bottom: { x: centredX, y: bottomOf(workArea) - windowSize.height },
    left: { x: workArea.x, y: centredY },
    right: { x: rightOf(workArea) - windowSize.width, y: centredY },
  };

  return clampInside(wanted[edge], windowSize, workArea);
}

/** The top-left corner that centres the window in the work area. */
export function centerWindow(workArea: Rect, windowSize: Size): Point {
  const wanted = {
    x: workArea.x + (workArea.width - windowSize.width) / 2,
    y: workArea.y + (workArea.height - windowSize.height) / 2,
  };

  return clampInside(wanted, windowSize, workArea);
}

/**
 * Moves a top-left corner so the window stays inside `area`. A window larger
 * than the area keeps its top-left corner (title and content) visible.
 */
export function clampInside(corner: Point, size: Size, area: Rect): Point {
  const x = clamp(corner.x, area.x, rightOf(area) - size.width);
  const y = clamp(corner.y, area.y, bottomOf(area) - size.height);

  return { x: Math.round(x), y: Math.round(y) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}

function rightOf(rect: Rect): number {
  return rect.x + rect.width;
}

function bottomOf(rect: Rect): number {
  return rect.y + rect.height;
}
