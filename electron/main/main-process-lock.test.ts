// A second copy of the app, against a fake `electron`: it hands over to the
// copy already running and makes nothing of its own.

import { rm } from 'node:fs/promises';

import { afterAll, describe, expect, it, vi } from 'vitest';

import type { FakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return createFakeElectron({ hasLock: false });
});

describe('a second launch', () => {
  let electron: FakeElectron;

  afterAll(async () => {
    await rm(electron.fake.userData, { recursive: true, force: true });
  });

  it('quits at once and makes no window, tray or handler', async () => {
    await import('./index');
    electron = (await import('electron')) as unknown as FakeElectron;

    electron.fake.makeReady();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(electron.app.quitted).toBe(true);
    expect(electron.fake.windows).toEqual([]);
    expect(electron.fake.trays).toEqual([]);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});
