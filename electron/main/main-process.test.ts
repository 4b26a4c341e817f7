// The main process started in Node against a fake `electron` module: what it
// asks Electron for, and how the tray, the window, IPC and quitting behave.

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { AuthStatus } from '../../shared/account';
import { REQUEST_CHANNELS } from '../../shared/ipc-contract';
import { setLogSink } from '../logger';
import { RENDERER_CSP } from './csp';
import {
  emitWithEvent,
  type FakeElectron,
  FakeEvent,
  pretendPlatform,
} from './testing/fake-electron';

vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return createFakeElectron();
});

interface MenuItem {
  label?: string;
  click?: () => void;
}

const API_KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz';

let electron: FakeElectron;
let codexHome: string;
const logLines: string[] = [];
const restoreLogSink = setLogSink((line) => logLines.push(line), 'debug');
// Linux: the menu is set on the icon and the icons follow the theme.
const restorePlatform = pretendPlatform('linux');

beforeAll(async () => {
  codexHome = await mkdtemp(join(tmpdir(), 'codex-accounts-home-'));
  vi.stubEnv('CODEX_HOME', codexHome);
  vi.stubEnv('CODEX_ACCOUNTS_TRAY', 'on');
  vi.useFakeTimers({ toFake: ['Date'] });

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
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await rm(codexHome, { recursive: true, force: true });
  await rm(electron.fake.userData, { recursive: true, force: true });
});

function mainWindow() {
  const window = electron.fake.windows[0];
  if (!window) throw new Error('no window');
  return window;
}

function tray() {
  const icon = electron.fake.trays[0];
  if (!icon) throw new Error('no tray');
  return icon;
}

function menuLabels(): Array<string | undefined> {
  return (tray().contextMenu?.items as MenuItem[]).map((item) => item.label);
}

function clickMenuItem(label: string): void {
  const items = tray().contextMenu?.items as MenuItem[];
  items.find((item) => item.label === label)?.click?.();
}

/** A request as it arrives from the window's main frame. */
function fromOurPage() {
  const sender = electron.fake.webContents();
  return { sender, senderFrame: sender.mainFrame };
}

async function request(event: unknown, channel: string, payload: unknown) {
  const handler = electron.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, payload);
}

describe('the main process, next to a tray', () => {
  describe('at start', () => {
    it('makes one hidden, frameless, locked-down window', () => {
      expect(electron.fake.windows).toHaveLength(1);
      expect(mainWindow().visible).toBe(false);
      expect(mainWindow().options).toMatchObject({
        width: 360,
        height: 520,
        show: false,
        frame: false,
        skipTaskbar: true,
        resizable: false,
        webPreferences: {
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          webviewTag: false,
          preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
        },
      });
    });

    it('loads the built page from disk', () => {
      expect(mainWindow().loaded).toEqual({
        kind: 'file',
        target: expect.stringMatching(/renderer[\\/]index\.html$/),
      });
    });

    it('shows the signed-out state in the tray', () => {
      expect(tray().tooltip).toBe('Codex Accounts — signed out');
      expect(tray().image.path).toMatch(/tray-signed-out-on-light\.png$/);
      expect(tray().image.isEmpty()).toBe(false);
      expect(menuLabels()).toEqual([
        'Signed out of Codex',
        undefined,
        'Open Codex Accounts',
        'Sign in with ChatGPT…',
        undefined,
        'Quit',
      ]);
    });
  });

  describe('security', () => {
    it('refuses every permission', () => {
      const session = electron.session.defaultSession;
      const callback = vi.fn();

      session.permissionRequest?.(
        electron.fake.webContents(),
        'media',
        callback,
      );

      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheck?.()).toBe(false);
      expect(session.devicePermission?.()).toBe(false);
    });

    it('replaces any CSP header with the renderer policy', () => {
      const callback = vi.fn();

      electron.session.defaultSession.headersReceived?.(
        {
          responseHeaders: {
            'content-security-policy': ['default-src *'],
            'content-type': ['text/html'],
          },
        },
        callback,
      );

      expect(callback).toHaveBeenCalledWith({
        responseHeaders: {
          'content-type': ['text/html'],
          'Content-Security-Policy': [RENDERER_CSP],
        },
      });
    });

    it('blocks navigation, webviews and new windows', () => {
      const contents = electron.fake.webContents();

      expect(emitWithEvent(contents, 'will-navigate').defaultPrevented).toBe(
        true,
      );
      expect(
        emitWithEvent(contents, 'will-attach-webview').defaultPrevented,
      ).toBe(true);
      expect(
        contents.windowOpenHandler?.({ url: 'https://example.com' }),
      ).toEqual({
        action: 'deny',
      });
    });
  });

  describe('IPC', () => {
    it('answers our page', async () => {
      const status = (await request(
        fromOurPage(),
        'auth:get-status',
        null,
      )) as AuthStatus;

      expect(status.state).toBe('signed_out');
    });

    it('refuses another web contents', async () => {
      const stranger = { url: mainWindow().webContents.mainFrame.url };
      const event = { sender: { mainFrame: stranger }, senderFrame: stranger };

      await expect(
        Promise.resolve().then(() => request(event, 'auth:get-status', null)),
      ).rejects.toThrow(/refused/);
    });

    it('refuses a subframe of our window', async () => {
      const event = {
        sender: electron.fake.webContents(),
        senderFrame: { url: mainWindow().webContents.mainFrame.url },
      };

      await expect(
        Promise.resolve().then(() => request(event, 'auth:get-status', null)),
      ).rejects.toThrow(/refused/);
    });

    it('refuses our window once it shows another page', async () => {
      const contents = electron.fake.webContents();
      const ourUrl = contents.mainFrame.url;
      contents.mainFrame.url = 'file:///tmp/elsewhere.html';

      const answer = Promise.resolve().then(() =>
        request(fromOurPage(), 'auth:get-status', null),
      );

      await expect(answer).rejects.toThrow(/refused/);
      contents.mainFrame.url = ourUrl;
    });
  });

  describe('after a sign-in', () => {
    beforeAll(async () => {
      await request(fromOurPage(), 'auth:sign-in-api-key', { apiKey: API_KEY });
    });

    it('tells the window that the status changed', () => {
      const sent = electron.fake.webContents().sent;

      expect(sent.map((message) => message.channel)).toContain(
        'auth:status-changed',
      );
    });

    it('names the account in the tray and offers sign out', () => {
      expect(tray().tooltip).toMatch(/^Codex Accounts — API key sk-proj-/);
      expect(tray().image.path).toMatch(/tray-signed-in-on-light\.png$/);
      expect(menuLabels()).toContain('Sign out…');
    });

    it('opens the window from "Sign out…" and keeps the sign-in', () => {
      clickMenuItem('Sign out…');

      expect(mainWindow().visible).toBe(true);
      expect(existsSync(join(codexHome, 'auth.json'))).toBe(true);
      mainWindow().hide();
    });
  });

  describe('switching from the tray', () => {
    const SECOND_KEY = 'sk-proj-zyxwvutsrqponmlkjihgfedcba';

    it('offers the account that is no longer active, and switches to it', async () => {
      await request(fromOurPage(), 'auth:sign-in-api-key', {
        apiKey: SECOND_KEY,
      });
      const switchItem = menuLabels().find((label) =>
        label?.startsWith('Switch to API key'),
      );

      clickMenuItem(switchItem ?? 'no switch item');

      await vi.waitFor(async () => {
        const auth = await readFile(join(codexHome, 'auth.json'), 'utf8');
        expect(JSON.parse(auth)).toMatchObject({ OPENAI_API_KEY: API_KEY });
      });
      expect(switchItem).toBeDefined();
    });
  });

  describe('the window and the tray', () => {
    it('switches the icon with the dark theme', () => {
      electron.nativeTheme.shouldUseDarkColors = true;
      electron.nativeTheme.emit('updated');

      expect(tray().image.path).toMatch(/-on-dark\.png$/);
    });

    it('opens above the tray icon on a click', () => {
      tray().emit('click', new FakeEvent(), {
        x: 1800,
        y: 1046,
        width: 24,
        height: 24,
      });

      expect(mainWindow().visible).toBe(true);
      expect(mainWindow().position).toEqual({ x: 1560, y: 520 });
    });

    it('ignores the blur that comes right after showing', () => {
      vi.advanceTimersByTime(50);

      mainWindow().emit('blur');

      expect(mainWindow().visible).toBe(true);
    });

    it('hides on a later blur, and the click that caused it keeps it closed', () => {
      vi.advanceTimersByTime(500);

      mainWindow().emit('blur');
      tray().emit('click', new FakeEvent(), tray().bounds);

      expect(mainWindow().visible).toBe(false);
    });

    it('opens again on a later click, next to the pointer on Linux', () => {
      vi.advanceTimersByTime(500);
      electron.screen.cursor = { x: 100, y: 1070 };

      tray().emit('click', new FakeEvent(), {
        x: 0,
        y: 0,
        width: 0,
        height: 0,
      });

      expect(mainWindow().visible).toBe(true);
      expect(mainWindow().position).toEqual({ x: 0, y: 520 });
    });

    it('hides instead of closing', () => {
      const closed = mainWindow().close();

      expect(closed).toBe(false);
      expect(mainWindow().visible).toBe(false);
    });

    it('shows the running window centred when the app is started again', () => {
      electron.app.emit('second-instance', new FakeEvent(), []);

      expect(mainWindow().visible).toBe(true);
      expect(mainWindow().position).toEqual({ x: 780, y: 260 });
    });
  });

  it('never logs the API key', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const leaks = logLines.filter(
      (line) => line.includes(API_KEY) || line.includes('zyxwvutsrqponm'),
    );

    expect(leaks).toEqual([]);
  });

  describe('quitting', () => {
    it('stops the services, then quits', async () => {
      clickMenuItem('Quit');

      await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
      expect(tray().destroyed).toBe(true);
      expect(electron.ipcMain.handlers.size).toBe(0);
      expect(mainWindow().destroyed).toBe(true);
    });
  });
});
