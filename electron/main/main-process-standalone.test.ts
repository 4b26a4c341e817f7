// The main process on a desktop with no known tray (plain GNOME), against a
// fake `electron`: an ordinary window opens at start and closing it quits.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { REQUEST_CHANNELS } from '../../shared/ipc-contract';
import { setLogSink } from '../logger';
import { type FakeElectron, pretendPlatform } from './testing/fake-electron';

vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return createFakeElectron();
});

let electron: FakeElectron;
let codexHome: string;
const restoreLogSink = setLogSink(() => undefined);
const restorePlatform = pretendPlatform('linux');

beforeAll(async () => {
  codexHome = await mkdtemp(join(tmpdir(), 'codex-accounts-home-'));
  vi.stubEnv('CODEX_HOME', codexHome);
  vi.stubEnv('CODEX_ACCOUNTS_TRAY', '');
  vi.stubEnv('XDG_CURRENT_DESKTOP', 'GNOME');

  await import('./index');
  electron = (await import('electron')) as unknown as FakeElectron;
  electron.fake.makeReady();
  await vi.waitFor(() =>
    expect(electron.ipcMain.handlers.size).toBe(REQUEST_CHANNELS.length),
  );
});

afterAll(async () => {
  restoreLogSink();
  restorePlatform();
  vi.unstubAllEnvs();
  await rm(codexHome, { recursive: true, force: true });
  await rm(electron.fake.userData, { recursive: true, force: true });
});

function mainWindow() {
  const window = electron.fake.windows[0];
  if (!window) throw new Error('no window');
  return window;
}

describe('the main process where no tray is known to show', () => {
  it('opens an ordinary window at start, centred', async () => {
    await vi.waitFor(() => expect(mainWindow().visible).toBe(true));

    expect(mainWindow().options).toMatchObject({
      frame: true,
      skipTaskbar: false,
    });
    expect(mainWindow().position).toEqual({ x: 780, y: 260 });
  });

  it('stays open when it loses focus', () => {
    mainWindow().emit('blur');

    expect(mainWindow().visible).toBe(true);
  });

  it('still puts an icon in the tray, in case there is one', () => {
    expect(electron.fake.trays).toHaveLength(1);
  });

  it('quits when the window is closed, after stopping the services', async () => {
    mainWindow().close();

    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});
