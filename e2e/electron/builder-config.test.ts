// Checks electron-builder.yml offline, with electron-builder's own loader,
// schema and file matcher (app-builder-lib), since packaging itself needs
// downloads this machine can't make.

import { readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import type { Configuration } from 'app-builder-lib';
import {
  type FileMatcher,
  getFileMatchers,
} from 'app-builder-lib/out/fileMatcher';
import {
  getConfig,
  validateConfiguration,
} from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const PROJECT_DIR = resolve(import.meta.dirname, '../..');
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'dist']);

let config: Configuration;
let matchers: FileMatcher[];

beforeAll(async () => {
  config = await getConfig(PROJECT_DIR, null, null);
  matchers =
    getFileMatchers(config, 'files', '', {
      macroExpander: (pattern) => pattern,
      customBuildOptions: {},
      globalOutDir: join(PROJECT_DIR, 'dist'),
      defaultSrc: PROJECT_DIR,
    }) ?? [];
});

/** Whether electron-builder would put `path` (from the project) in the app. */
function isPackaged(path: string, stats: Stats = fileStats()): boolean {
  return matchers.some((matcher) =>
    matcher.createFilter()(join(PROJECT_DIR, path), stats),
  );
}

function fileStats(): Stats {
  return { isDirectory: () => false } as Stats;
}

/** Every file in the project, outside dependencies and git. */
function projectFiles(dir = PROJECT_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return SKIPPED_DIRS.has(entry.name) ? [] : projectFiles(path);
    }
    return [relative(PROJECT_DIR, path).split('\\').join('/')];
  });
}

describe('electron-builder.yml', () => {
  it('passes electron-builder 26 schema validation', async () => {
    await expect(
      validateConfiguration(config, new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('is really checked: an unknown option is refused', async () => {
    const wrong = { ...config, trayIcon: 'build/icons' } as Configuration;

    await expect(
      validateConfiguration(wrong, new DebugLogger(false)),
    ).rejects.toThrow(/trayIcon/);
  });

  it('names the app and its platforms', () => {
    expect({
      appId: config.appId,
      productName: config.productName,
      asar: config.asar,
      linux: config.linux,
      macTarget: config.mac?.target,
      macInfo: config.mac?.extendInfo,
      winTarget: config.win?.target,
    }).toEqual({
      appId: 'dev.codexaccounts.app',
      productName: 'Codex Accounts',
      asar: true,
      linux: {
        target: ['AppImage', 'deb'],
        category: 'Development',
        synopsis: 'Sign in to OpenAI Codex from the tray',
      },
      macTarget: 'dmg',
      macInfo: { LSUIElement: true },
      winTarget: 'nsis',
    });
  });

  it('packs the built app and package.json', () => {
    expect(matchers.map((matcher) => matcher.patterns)).toEqual([
      ['out/**', 'package.json'],
    ]);
    expect(isPackaged('out/main/index.js')).toBe(true);
    expect(isPackaged('out/preload/index.cjs')).toBe(true);
    expect(isPackaged('out/renderer/index.html')).toBe(true);
    expect(isPackaged('package.json')).toBe(true);
  });

  it('leaves out sources, tests, scripts and configs', () => {
    const leftOut = [
      'electron/main/index.ts',
      'electron/main/window-placement.test.ts',
      'electron/auth/auth-file.ts',
      'shared/ipc-contract.ts',
      'renderer/src/main.tsx',
      'renderer/index.html',
      'e2e/electron/app.spec.ts',
      'scripts/make-icons.ts',
      'build/icon.png',
      'electron.vite.config.ts',
      'tsconfig.json',
      'package-lock.json',
    ];

    expect(leftOut.filter((path) => isPackaged(path))).toEqual([]);
  });

  it('packs no file of the project from outside out/', () => {
    const packed = projectFiles().filter((path) => isPackaged(path));

    expect(
      packed.filter(
        (path) => path !== 'package.json' && !path.startsWith('out/'),
      ),
    ).toEqual([]);
  });

  it('ships the tray icons as resources, since they are read from disk', () => {
    expect(config.extraResources).toEqual([
      { from: 'build/icons', to: 'icons', filter: ['tray*.png'] },
    ]);
    expect(
      statSync(join(PROJECT_DIR, 'build/icons/trayTemplate.png')).size,
    ).toBeGreaterThan(0);
  });
});

describe('package.json for packaging', () => {
  const pkg = JSON.parse(
    readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8'),
  ) as {
    main: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

  it('keeps the bundled window libraries out of the dependencies', () => {
    // Vite bundles them; as dependencies they would be copied in again.
    const bundled = ['react', 'react-dom', 'zustand'];

    expect(bundled.filter((name) => name in (pkg.dependencies ?? {}))).toEqual(
      [],
    );
    expect(
      bundled.filter((name) => name in (pkg.devDependencies ?? {})),
    ).toEqual(bundled);
  });

  it('keeps Electron and the build tools out of the dependencies', () => {
    const tools = ['electron', 'electron-builder', 'electron-vite', 'vite'];

    expect(tools.filter((name) => name in (pkg.dependencies ?? {}))).toEqual(
      [],
    );
  });

  it('starts the built main process', () => {
    expect(pkg.main).toBe('out/main/index.js');
  });
});
