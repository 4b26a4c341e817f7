// A test-only stand-in for the `electron` module, so the main process can be
// started in plain Node (the Electron binary isn't available everywhere).
// It records what the app asked for and lets a test play the user: click the
// tray, blur the window, send IPC, quit. It models only what main uses.

import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An Electron-style event whose default can be prevented. */
export class FakeEvent {
  defaultPrevented = false;

  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  readonly mainFrame = { url: '' };
  windowOpenHandler: ((details: unknown) => { action: string }) | null = null;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  setWindowOpenHandler(handler: (details: unknown) => { action: string }) {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return false;
  }
}

export interface FakeElectron {
  app: FakeApp;
  BrowserWindow: typeof FakeBrowserWindow;
  Tray: typeof FakeTray;
  Menu: { buildFromTemplate(template: unknown[]): { items: unknown[] } };
  nativeImage: {
    createFromPath(path: string): FakeImage;
  };
  nativeTheme: EventEmitter & { shouldUseDarkColors: boolean };
  Notification: { isSupported(): boolean };
  safeStorage: {
    isEncryptionAvailable(): boolean;
    getSelectedStorageBackend(): string;
    encryptString(text: string): Buffer;
    decryptString(data: Buffer): string;
  };
  screen: {
    cursor: { x: number; y: number };
    display: { workArea: FakeRect; bounds: FakeRect };
    getCursorScreenPoint(): { x: number; y: number };
    getDisplayNearestPoint(point: unknown): {
      workArea: FakeRect;
      bounds: FakeRect;
    };
  };
  session: { defaultSession: FakeSession };
  shell: { opened: string[]; openExternal(url: string): Promise<void> };
  dialog: {
    errors: string[];
    messages: unknown[];
    showErrorBox(title: string, text: string): void;
    showMessageBox(options: unknown): Promise<{ response: number }>;
  };
  ipcMain: {
    handlers: Map<string, (event: unknown, payload: unknown) => unknown>;
    handle(
      channel: string,
      handler: (event: unknown, payload: unknown) => unknown,
    ): void;
    removeHandler(channel: string): void;
  };
  /** Test controls. */
  fake: {
    /** A fresh folder standing in for app.getPath('userData'). */
    userData: string;
    windows: FakeBrowserWindow[];
    trays: FakeTray[];
    makeReady(): void;
    webContents(): FakeWebContents;
  };
}

interface FakeImage {
  path: string;
  template: boolean;
  isEmpty(): boolean;
  setTemplateImage(value: boolean): void;
}

interface FakeSession {
  permissionRequest: ((...args: unknown[]) => void) | null;
  permissionCheck: ((...args: unknown[]) => boolean) | null;
  devicePermission: ((...args: unknown[]) => boolean) | null;
  headersReceived:
    ((details: unknown, callback: (r: unknown) => void) => void) | null;
  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void;
  webRequest: {
    onHeadersReceived(
      handler: (details: unknown, callback: (r: unknown) => void) => void,
    ): void;
  };
}

interface FakeApp extends EventEmitter {
  isPackaged: boolean;
  quitting: boolean;
  quitted: boolean;
  exitCode: number | null;
  hasLock: boolean;
  dock: { hidden: boolean; hide(): void };
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  getPath(name: string): string;
  quit(): void;
  exit(code: number): void;
}

let current: FakeElectron;

class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  position = { x: 0, y: 0 };
  loaded: { kind: 'file' | 'url'; target: string } | null = null;

  constructor(readonly options: Record<string, unknown>) {
    super();
    current.fake.windows.push(this);
    current.app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }

  async loadFile(path: string): Promise<void> {
    this.loaded = { kind: 'file', target: path };
    this.webContents.mainFrame.url = new URL(`file://${path}`).href;
    queueMicrotask(() => this.emit('ready-to-show'));
  }

  async loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url };
    this.webContents.mainFrame.url = url;
    queueMicrotask(() => this.emit('ready-to-show'));
  }

  getSize(): number[] {
    return [this.options['width'] as number, this.options['height'] as number];
  }

  setPosition(x: number, y: number): void {
    this.position = { x, y };
  }

  setVisibleOnAllWorkspaces(): void {}

  show(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
  }

  focus(): void {}

  isVisible(): boolean {
    return this.visible;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Asks the window to close, as Alt+F4 or quitting does. */
  close(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;

    this.destroyed = true;
    this.visible = false;
    // Electron says so only when the user closed the last window.
    const open = current.fake.windows.some((window) => !window.destroyed);
    if (!open && !current.app.quitting) current.app.emit('window-all-closed');
    return true;
  }
}

class FakeTray extends EventEmitter {
  tooltip = '';
  image: FakeImage;
  contextMenu: { items: unknown[] } | null = null;
  destroyed = false;
  bounds: FakeRect = { x: 0, y: 0, width: 0, height: 0 };

  constructor(image: FakeImage) {
    super();
    this.image = image;
    current.fake.trays.push(this);
  }

  setImage(image: FakeImage): void {
    this.image = image;
  }

  setToolTip(text: string): void {
    this.tooltip = text;
  }

  setContextMenu(menu: { items: unknown[] }): void {
    this.contextMenu = menu;
  }

  popUpContextMenu(menu: { items: unknown[] }): void {
    this.contextMenu = menu;
  }

  getBounds(): FakeRect {
    return this.bounds;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

/** What a test can set before the main process starts. */
export interface FakeElectronOptions {
  /** Whether this is the only running copy (requestSingleInstanceLock). */
  hasLock?: boolean;
}

/** A fresh fake Electron. */
export function createFakeElectron(
  options: FakeElectronOptions = {},
): FakeElectron {
  const userData = mkdtempSync(join(tmpdir(), 'codex-accounts-user-data-'));
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  const handlers = new Map<
    string,
    (event: unknown, payload: unknown) => unknown
  >();

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    quitting: false,
    quitted: false,
    exitCode: null as number | null,
    hasLock: options.hasLock ?? true,
    dock: {
      hidden: false,
      hide() {
        this.hidden = true;
      },
    },
    requestSingleInstanceLock() {
      return app.hasLock;
    },
    whenReady: () => ready,
    getPath: () => userData,
    quit() {
      // Electron's order: before-quit, close every window, will-quit, quit.
      app.quitting = true;
      app.emit('before-quit', new FakeEvent());
      const open = current.fake.windows.filter((window) => !window.destroyed);
      if (!open.every((window) => window.close())) {
        app.quitting = false;
        return;
      }

      const willQuit = new FakeEvent();
      app.emit('will-quit', willQuit);
      if (!willQuit.defaultPrevented) app.quitted = true;
    },
    exit(code: number) {
      app.exitCode = code;
    },
  }) as FakeApp;

  current = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template) => ({ items: template }) },
    nativeImage: {
      createFromPath: (path) => ({
        path,
        template: false,
        isEmpty: () => !existsSync(path),
        setTemplateImage(value) {
          this.template = value;
        },
      }),
    },
    nativeTheme: Object.assign(new EventEmitter(), {
      shouldUseDarkColors: false,
    }),
    Notification: { isSupported: () => false },
    // Like Linux with the basic_text backend: encrypted, but weakly.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: (text) => Buffer.from(text, 'utf8').reverse(),
      decryptString: (data) => Buffer.from(data).reverse().toString('utf8'),
    },
    screen: {
      cursor: { x: 0, y: 0 },
      display: {
        workArea: { x: 0, y: 0, width: 1920, height: 1040 },
        bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      },
      getCursorScreenPoint: () => current.screen.cursor,
      getDisplayNearestPoint: () => current.screen.display,
    },
    session: { defaultSession: createFakeSession() },
    shell: {
      opened: [],
      async openExternal(url) {
        current.shell.opened.push(url);
      },
    },
    dialog: {
      errors: [],
      messages: [],
      showErrorBox: (title, text) =>
        current.dialog.errors.push(`${title}: ${text}`),
      async showMessageBox(options) {
        current.dialog.messages.push(options);
        return { response: 0 };
      },
    },
    ipcMain: {
      handlers,
      handle: (channel, handler) => {
        if (handlers.has(channel))
          throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler: (channel) => handlers.delete(channel),
    },
    fake: {
      userData,
      windows: [],
      trays: [],
      makeReady: () => resolveReady(),
      webContents: () => {
        const window = current.fake.windows[0];
        if (!window) throw new Error('no window yet');
        return window.webContents;
      },
    },
  };

  return current;
}

function createFakeSession(): FakeSession {
  const session: FakeSession = {
    permissionRequest: null,
    permissionCheck: null,
    devicePermission: null,
    headersReceived: null,
    setPermissionRequestHandler: (handler) => {
      session.permissionRequest = handler;
    },
    setPermissionCheckHandler: (handler) => {
      session.permissionCheck = handler;
    },
    setDevicePermissionHandler: (handler) => {
      session.devicePermission = handler;
    },
    webRequest: {
      onHeadersReceived: (handler) => {
        session.headersReceived = handler;
      },
    },
  };
  return session;
}

/** Emits an event with an Electron-style event object first; returns it. */
export function emitWithEvent(
  target: EventEmitter,
  name: string,
  ...args: unknown[]
): FakeEvent {
  const event = new FakeEvent();
  target.emit(name, event, ...args);
  return event;
}

/**
 * Makes `process.platform` read `platform` until the returned function is
 * called, so platform-specific tray behaviour is tested on any host.
 */
export function pretendPlatform(platform: NodeJS.Platform): () => void {
  const original = Object.getOwnPropertyDescriptor(process, 'platform');
  Object.defineProperty(process, 'platform', {
    value: platform,
    configurable: true,
  });

  return () => {
    if (original) Object.defineProperty(process, 'platform', original);
  };
}
