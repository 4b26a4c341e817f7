// Draws the tray icons and the app icon into build/ as PNG files, with no
// dependency but Node's zlib. Run it with `npx tsx scripts/make-icons.ts`
// after changing a shape; the PNGs are committed.
//
// Shapes are described on a 16-unit grid and filled by coverage: each pixel
// takes 4x4 samples, so edges are smooth at 16 px and at 32 px (@2x).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

import {
  TRAY_ICON_SHAPES,
  TRAY_ICON_THEMES,
  trayIconFileName,
  type TrayIconShape,
  type TrayIconTheme,
} from '../electron/main/tray-icons';

type Rgb = readonly [number, number, number];

/** Whether a point (in grid units) is inside the shape. */
type Shape = (x: number, y: number) => boolean;

const GRID = 16;
const SAMPLES = 4;
const BUILD_DIR = resolve(import.meta.dirname, '../build');

/** Glyph colours per theme: black for templates, else contrast with panel. */
const THEME_COLOURS: Record<TrayIconTheme, Rgb> = {
  template: [0, 0, 0],
  'on-light': [0x1f, 0x23, 0x28],
  'on-dark': [0xf3, 0xf4, 0xf6],
};

// The badge: a rounded square, as a solid or as a 2-unit outline.
const badge = roundedRect(1, 1, 15, 15, 3.5);
const badgeHole = roundedRect(3, 3, 13, 13, 1.5);
const badgeOutline: Shape = (x, y) => badge(x, y) && !badgeHole(x, y);

// A command prompt, ">_", for Codex.
const prompt = union(
  stroke([5, 5.5], [7.5, 8], 1.6),
  stroke([7.5, 8], [5, 10.5], 1.6),
  stroke([8.75, 10.5], [11, 10.5], 1.6),
);

// "!" for a sign-in that can't be used.
const exclamation = union(stroke([8, 4.6], [8, 7.8], 1.8), disc(8, 11, 1.1));

/** Filled when signed in, outlined when signed out or broken. */
const TRAY_SHAPES: Record<TrayIconShape, Shape> = {
  'signed-in': (x, y) => badge(x, y) && !prompt(x, y),
  'signed-out': union(badgeOutline, prompt),
  problem: union(badgeOutline, exclamation),
};

function main(): void {
  const iconDir = join(BUILD_DIR, 'icons');
  mkdirSync(iconDir, { recursive: true });

  for (const shape of TRAY_ICON_SHAPES) {
    for (const theme of TRAY_ICON_THEMES) {
      for (const scale of [1, 2] as const) {
        const png = drawGlyph(TRAY_SHAPES[shape], THEME_COLOURS[theme], scale);
        writeFileSync(
          join(iconDir, trayIconFileName(shape, theme, scale)),
          png,
        );
      }
    }
  }

  writeFileSync(join(BUILD_DIR, 'icon.png'), drawAppIcon(512));
}

/** One colour, with the shape's coverage as alpha. */
function drawGlyph(shape: Shape, colour: Rgb, scale: number): Buffer {
  const size = GRID * scale;

  return encodePng(size, size, (px, py) => {
    const alpha = coverage(shape, px, py, scale);
    return [...colour, Math.round(alpha * 255)];
  });
}

/** The badge in colour with a white prompt, for installers and the Dock. */
function drawAppIcon(size: number): Buffer {
  const scale = size / GRID;
  const tile = roundedRect(0.9, 0.9, 15.1, 15.1, 3.4);
  const top: Rgb = [0x4b, 0x5c, 0xe6];
  const bottom: Rgb = [0x23, 0x2b, 0x8f];

  return encodePng(size, size, (px, py) => {
    const tileAlpha = coverage(tile, px, py, scale);
    const promptAlpha = coverage(prompt, px, py, scale);
    const background = mix(top, bottom, py / size);
    const colour = mix(background, [255, 255, 255], promptAlpha);
    return [...colour, Math.round(tileAlpha * 255)];
  });
}

/** The share of a pixel's samples that fall inside the shape. */
function coverage(shape: Shape, px: number, py: number, scale: number) {
  let inside = 0;

  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = (px + (sx + 0.5) / SAMPLES) / scale;
      const y = (py + (sy + 0.5) / SAMPLES) / scale;
      if (shape(x, y)) inside++;
    }
  }

  return inside / (SAMPLES * SAMPLES);
}

function roundedRect(
  left: number,
  top: number,
  right: number,
  bottom: number,
  radius: number,
): Shape {
  return (x, y) => {
    const dx = Math.max(left + radius - x, 0, x - (right - radius));
    const dy = Math.max(top + radius - y, 0, y - (bottom - radius));
    return x >= left && x <= right && y >= top && y <= bottom
      ? dx * dx + dy * dy <= radius * radius
      : false;
  };
}

/** A line from `a` to `b` with round ends, `width` units thick. */
function stroke(
  a: readonly [number, number],
  b: readonly [number, number],
  width: number,
): Shape {
  const [ax, ay] = a;
  const [bx, by] = b;
  const lengthSquared = (bx - ax) ** 2 + (by - ay) ** 2;

  return (x, y) => {
    const along = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / lengthSquared;
    const t = Math.max(0, Math.min(1, along));
    const distance = Math.hypot(
      x - (ax + t * (bx - ax)),
      y - (ay + t * (by - ay)),
    );
    return distance <= width / 2;
  };
}

function disc(cx: number, cy: number, radius: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) <= radius;
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((shape) => shape(x, y));
}

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  const channel = (i: 0 | 1 | 2) =>
    Math.round(from[i] + (to[i] - from[i]) * amount);
  return [channel(0), channel(1), channel(2)];
}

/** An 8-bit RGBA PNG with one IDAT chunk. */
function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => number[],
): Buffer {
  const rowLength = 1 + width * 4;
  const raw = Buffer.alloc(rowLength * height);

  for (let y = 0; y < height; y++) {
    // Each row starts with filter type 0 (none).
    for (let x = 0; x < width; x++) {
      raw.set(pixel(x, y), y * rowLength + 1 + x * 4);
    }
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));

  return Buffer.concat([length, body, checksum]);
}

main();
