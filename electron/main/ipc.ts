// The main-side registration of the IPC contract: every request channel gets
// its handler from the services, and events go to the window through one
// typed sender. This file and the preload are the only ones that touch
// Electron's IPC.

import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';

import { REQUEST_CHANNELS } from '../../shared/ipc-contract';
import { createLogger } from '../logger';
import type { EventSender, RequestHandlers } from '../services/ipc-handlers';
import { isRendererUrl, type RendererLocation } from './renderer-location';

const log = createLogger('ipc');

/** Who may call the handlers: our window, showing our page. */
export interface TrustedRenderer {
  window(): BrowserWindow | null;
  location: RendererLocation;
}

/**
 * Registers a handler for every request channel. A request from any other
 * web contents, from a subframe or from another page is refused before its
 * payload is looked at. Returns a function that removes the handlers.
 */
export function setupIpc(
  handlers: RequestHandlers,
  trusted: TrustedRenderer,
): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event, trusted)) {
        log.warn('refused a request from an unknown sender', { channel });
        throw new Error(`Codex Accounts refused the request on ${channel}.`);
      }

      return handlers[channel](payload);
    });
  }

  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** The typed event sender for the window; drops events while it is gone. */
export function createEventSender(
  window: () => BrowserWindow | null,
): EventSender {
  return (channel, payload) => {
    const target = window();
    if (!target || target.isDestroyed()) {
      return;
    }

    target.webContents.send(channel, payload);
  };
}

function isTrustedSender(
  event: IpcMainInvokeEvent,
  trusted: TrustedRenderer,
): boolean {
  const window = trusted.window();
  const frame = event.senderFrame;

  if (!window || window.isDestroyed() || event.sender !== window.webContents) {
    return false;
  }

  // Only the top frame of our page; a frame that navigated away is null.
  return (
    frame !== null &&
    frame === event.sender.mainFrame &&
    isRendererUrl(frame.url, trusted.location)
  );
}
