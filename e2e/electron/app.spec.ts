// Launches the built app in real Electron and checks the window from the
// inside: it shows, it has the preload bridge, and Node stays out of it.
// Needs `electron-vite build` first, and a display (xvfb-run on a server).
// Where the Electron binary was never downloaded, the tests report
// themselves skipped with the reason.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
  _electron as electron,
  type ElectronApplication,
  expect,
  type Page,
  test,
} from '@playwright/test';

import {
  BRIDGE_NAME,
  type CodexAccountsBridge,
} from '../../shared/ipc-contract';

const MAIN_BUNDLE = resolve(import.meta.dirname, '../../out/main/index.js');
const NO_BINARY_REASON =
  'The Electron binary is not installed on this computer (npm could not ' +
  'download it), so the app cannot be launched here.';

/** The binary the electron package points at, or null when it is absent. */
function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('the Electron app', () => {
  test.skip(binary === null, NO_BINARY_REASON);

  let app: ElectronApplication;
  let page: Page;
  let tempDir: string;

  test.beforeAll(async () => {
    if (binary === null) throw new Error(NO_BINARY_REASON);

    tempDir = await mkdtemp(join(tmpdir(), 'codex-accounts-electron-'));
    app = await electron.launch({
      executablePath: binary,
      // Its own profile, so the single-instance lock of an installed copy
      // doesn't send this one away.
      args: [MAIN_BUNDLE, `--user-data-dir=${join(tempDir, 'user-data')}`],
      env: {
        ...process.env,
        CODEX_HOME: tempDir,
        // A standalone window opens at start on every desktop.
        CODEX_ACCOUNTS_TRAY: 'off',
      },
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    await rm(tempDir, { recursive: true, force: true });
  });

  test('shows its window, titled Codex Accounts', async () => {
    await expect(page).toHaveTitle('Codex Accounts');
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows().some((window) => window.isVisible()),
        ),
      )
      .toBe(true);
  });

  test('gives the page the bridge and nothing of Node', async () => {
    const globals = await page.evaluate((name) => {
      const bridge = Reflect.get(globalThis, name) as Record<string, unknown>;
      return {
        bridge: Object.keys(bridge).sort(),
        process: typeof Reflect.get(globalThis, 'process'),
        require: typeof Reflect.get(globalThis, 'require'),
      };
    }, BRIDGE_NAME);

    expect(globals).toEqual({
      bridge: ['invoke', 'on'],
      process: 'undefined',
      require: 'undefined',
    });
  });

  test('answers a request through the bridge', async () => {
    const status = await page.evaluate(async (name) => {
      const bridge = Reflect.get(globalThis, name) as CodexAccountsBridge;
      return bridge.invoke('auth:get-status', null);
    }, BRIDGE_NAME);

    expect({ state: status.state, account: status.account }).toEqual({
      state: 'signed_out',
      account: null,
    });
  });
});
